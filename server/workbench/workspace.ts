/**
 * The workbench state: the open tabs, their drafts and the active tab, one row in SQLite
 * (./schema.ts), so that they survive a reload and a server restart. The last write wins; every
 * write takes the next revision, so that a page can tell that another page wrote in between.
 * Size-limited (MAX_WORKSPACE_BYTES) and never holding a configured secret.
 *
 * Public API: openWorkspaceStore({ db, now, isSecret }): WorkspaceStore
 */
import type Database from 'better-sqlite3';
import {
  MAX_WORKSPACE_BYTES,
  Workspace,
  type PutWorkspaceRequest,
  type PutWorkspaceResponse,
  type WorkspaceState,
} from '../../core/contract.ts';
import { WorkbenchError } from './errors.ts';
import { refuseSecrets, type SecretTest } from './secrets.ts';

export interface WorkspaceStore {
  get(): WorkspaceState;
  put(request: PutWorkspaceRequest): PutWorkspaceResponse;
}

const EMPTY: Workspace = { tabs: [], activeTabId: null };

interface Row {
  revision: number;
  updated_at: number;
  json: string;
}

export function openWorkspaceStore(opts: {
  db: Database.Database;
  now: () => number;
  isSecret: SecretTest;
}): WorkspaceStore {
  const { db, now, isSecret } = opts;
  const select = db.prepare('SELECT revision, updated_at, json FROM workspace WHERE id = 1');
  const upsert = db.prepare(`
    INSERT INTO workspace (id, revision, updated_at, json) VALUES (1, @revision, @at, @json)
    ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, updated_at = excluded.updated_at, json = excluded.json`);

  const read = (): WorkspaceState => {
    const row = select.get() as Row | undefined;
    if (!row) return { revision: 0, updatedAt: null, workspace: EMPTY };
    // Written only after validation; a row that no longer reads as a workspace (edited by hand) is
    // answered as empty rather than breaking the page, and the next write replaces it.
    let json: unknown = null;
    try {
      json = JSON.parse(row.json);
    } catch {
      /* answered as empty below */
    }
    const parsed = Workspace.safeParse(json);
    return { revision: row.revision, updatedAt: row.updated_at, workspace: parsed.success ? parsed.data : EMPTY };
  };

  const write = db.transaction((request: PutWorkspaceRequest): PutWorkspaceResponse => {
    const current = (select.get() as Row | undefined)?.revision ?? 0;
    const revision = current + 1;
    const at = now();
    upsert.run({ revision, at, json: JSON.stringify(request.workspace) });
    return {
      revision,
      updatedAt: at,
      workspace: request.workspace,
      overwrote: request.baseRevision !== undefined && request.baseRevision !== current,
    };
  });

  return {
    get: read,
    put(request) {
      const bytes = Buffer.byteLength(JSON.stringify(request.workspace));
      if (bytes > MAX_WORKSPACE_BYTES)
        throw new WorkbenchError(
          'too-large',
          `The open tabs take ${bytes} bytes; the playground keeps at most ${MAX_WORKSPACE_BYTES}. Close some tabs or shorten their bodies.`,
        );
      refuseSecrets(request.workspace, isSecret, 'The open tabs');
      return write.immediate(request);
    },
  };
}
