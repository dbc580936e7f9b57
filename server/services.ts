import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { PlaygroundConfig } from './config/config.ts';
import { CredentialStore } from './config/credentials.ts';
import { openDatabase, openHistoryStore, type HistoryStore } from './history/store.ts';
import { privateKeyForms } from './config/partner-keys.ts';
import { DEMO_KEYS } from './mock/keys.ts';
import { PARTNER_DEMO_KEYS } from './mock/partner/keys.ts';
import { resetRunningMock } from './mock/reset-client.ts';
import { startMockServer, type MockServer } from './mock/server.ts';
import { createInflightSends, type InflightSends } from './relay/inflight.ts';
import { createRelay } from './relay/relay.ts';
import { createDoctorRunner, inlineDoctorRunner, type DoctorRunner } from './doctor/run.ts';
import { prepareDataDir } from './security/data-dir.ts';
import { HttpError } from './http.ts';
import { loadLaunchToken, type LaunchToken } from './security/launch-token.ts';
import { listenerOwner, ownUid } from './security/socket-owner.ts';
import { Redactor } from './security/redact.ts';
import { openCollectionStore, type CollectionStore } from './workbench/collections.ts';
import { openVariableStore, type VariableStore } from './workbench/variables.ts';
import { openWorkspaceStore, type WorkspaceStore } from './workbench/workspace.ts';

export type Relay = ReturnType<typeof createRelay>;

/** Collections, environment variables and open tabs, in the history's database. */
export interface Workbench {
  collections: CollectionStore;
  variables: VariableStore;
  workspace: WorkspaceStore;
}

/** Everything the handlers depend on. Expensive parts (database, embedded mock) start on first use. */
export interface Services {
  config: PlaygroundConfig;
  /** The key to /api, made or read on first use (the CLI's send never needs it). */
  launchToken(): LaunchToken;
  /** The data folder's real path (private, owned by the current user). */
  dataDir: string;
  version: string;
  redactor: Redactor;
  credentials: CredentialStore;
  clock: () => number;
  relay: Relay;
  /** Sends in flight, by the page's send id: progress and cancel. */
  inflight: InflightSends;
  /** The signature doctor, off the main thread with its own limits. */
  doctor: DoctorRunner;
  history(): HistoryStore;
  workbench(): Workbench;
  /** Starts the embedded mock when the mock environment is first used. */
  ensureMock(): Promise<void>;
  /**
   * Puts the mock environment back to its seeded state and resolves to the seed: the in-process mock
   * directly, or, when another process holds the mock's port, through its POST /__mock/reset.
   */
  resetMock(): Promise<{ seed: number }>;
  log(line: string): void;
  close(): Promise<void>;
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function createServices(
  config: PlaygroundConfig,
  opts: {
    env?: Record<string, string | undefined>;
    clock?: () => number;
    log?: (line: string) => void;
    startMock?: boolean;
    /** Run the doctor on the calling thread (the CLI) instead of in a worker. */
    inlineDoctor?: boolean;
    /**
     * When the mock's port is taken: `wait` (the default) retries for 2 s, since a dev-server restart
     * frees it in a moment; `use` takes the Qredo API listening there at once (a CLI run beside a
     * running playground or `npm run mock`).
     */
    mockPortTaken?: 'wait' | 'use';
  } = {},
): Services {
  const env = opts.env ?? process.env;
  const prepared = prepareDataDir(config.dataDir);
  const redactor = new Redactor();
  const credentials = new CredentialStore(prepared.realDir, env);
  for (const key of DEMO_KEYS) redactor.add(key.secret);
  for (const secret of credentials.allSecrets()) redactor.add(secret);
  // The Partner API's: demo partners' API keys and private keys, and any configured ones.
  const partner = credentials.allPartnerSecrets();
  for (const key of PARTNER_DEMO_KEYS) {
    redactor.add(key.apiKey);
    redactor.addForms(privateKeyForms(key.privateKeyPem));
  }
  for (const apiKey of partner.apiKeys) redactor.add(apiKey);
  for (const pem of partner.privateKeys) redactor.addForms(privateKeyForms(pem));
  const relay = createRelay();
  const inflight = createInflightSends();
  const doctor = opts.inlineDoctor ? inlineDoctorRunner() : createDoctorRunner();
  const rawLog = opts.log ?? ((line: string) => console.log(line));
  for (const note of prepared.notes) rawLog(`[playground] ${note}`);
  let launchToken: LaunchToken | null = null;
  let database: ReturnType<typeof openDatabase> | null = null;
  let history: HistoryStore | null = null;
  let workbench: Workbench | null = null;
  const db = () => (database ??= openDatabase(prepared.realDir));
  const clock = opts.clock ?? Date.now;
  const isSecret = (text: string) => redactor.containsSecret(text);
  let mock: Promise<MockServer | null> | null = null;
  let closed = false;

  function ensureMock(): Promise<void> {
    if (opts.startMock === false) return Promise.resolve();
    mock ??= startMockOnce(config.mockPort, rawLog, opts.mockPortTaken === 'use' ? 0 : 10).catch((e: unknown) => {
      mock = null;
      throw e;
    });
    return mock.then(() => undefined);
  }

  return {
    config,
    launchToken() {
      launchToken ??= loadLaunchToken(prepared.realDir, env);
      return launchToken;
    },
    dataDir: prepared.realDir,
    version: readVersion(),
    redactor,
    credentials,
    clock,
    relay,
    inflight,
    doctor,
    history() {
      history ??= openHistoryStore({
        db: db(),
        bodyCapBytes: config.historyBodyCapBytes,
        // `key:read-only` in a history search names the demo key's key id.
        keyAliases: Object.fromEntries(DEMO_KEYS.map((k) => [k.id, k.keyId])),
      });
      return history;
    },
    workbench() {
      workbench ??= {
        collections: openCollectionStore({ db: db(), now: clock, isSecret }),
        variables: openVariableStore({ db: db(), isSecret }),
        workspace: openWorkspaceStore({ db: db(), now: clock, isSecret }),
      };
      return workbench;
    },
    ensureMock,
    async resetMock() {
      await ensureMock();
      const inProcess = await mock?.catch(() => null);
      if (inProcess) {
        inProcess.reset();
        return { seed: inProcess.seed };
      }
      const base = new URL(config.baseUrls.mock);
      const { seed } = await resetRunningMock(base.hostname, Number(base.port || 80));
      return { seed };
    },
    log(line: string) {
      rawLog(redactor.scrub(line));
    },
    async close() {
      if (closed) return;
      closed = true;
      inflight.abortAll();
      relay.close();
      await doctor.close();
      history?.close();
      history = null;
      workbench = null;
      database?.close();
      database = null;
      const m = await mock?.catch(() => null);
      mock = null;
      await m?.close().catch(() => undefined);
    },
  };
}

export type { Server };

/**
 * Starts the embedded mock. A port still held for a moment (a dev-server restart closing the old
 * mock) is retried `retries` times, 200 ms apart; a port held after that means a Qredo API already
 * listens there (`npm run mock`, another playground), and it is used as is, but only when it is
 * this user's: what is sent to the mock, and what the page shows of its answers, must not be
 * another user's to read or to write.
 */
async function startMockOnce(port: number, log: (line: string) => void, retries: number): Promise<MockServer | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startMockServer({ port, host: '127.0.0.1' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      if (attempt >= retries) {
        refuseOthersListener(port);
        log(`[playground] port ${port} is taken: using the Qredo API already listening there as the mock.`);
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Throws when whatever listens on `port` is not known to be this user's (Windows has no users to compare). */
function refuseOthersListener(port: number): void {
  const me = ownUid();
  if (me === null) return;
  const owner = listenerOwner(port);
  if (owner === me) return;
  const whose =
    owner === null
      ? 'by a program whose user cannot be checked (the socket table /proc/net/tcp cannot be read, or several users listen there)'
      : `by another user of this machine (uid ${owner})`;
  throw new HttpError(
    503,
    'mock-port-taken',
    `The embedded Qredo API cannot start: port ${port} is held ${whose}, and it is not used in its place, since it would see every request sent to the mock and choose the answers shown. Start the playground with MOCK_PORT set to a free port.`,
  );
}
