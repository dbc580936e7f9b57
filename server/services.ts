import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { PlaygroundConfig } from './config/config.ts';
import { CredentialStore } from './config/credentials.ts';
import { openHistoryStore, type HistoryStore } from './history/store.ts';
import { DEMO_KEYS } from './mock/keys.ts';
import { startMockServer, type MockServer } from './mock/server.ts';
import { createRelay } from './relay/relay.ts';
import { Redactor } from './security/redact.ts';
import { newSessionToken } from './security/guard.ts';

export type Relay = ReturnType<typeof createRelay>;

/** Everything the handlers depend on. Expensive parts (database, embedded mock) start on first use. */
export interface Services {
  config: PlaygroundConfig;
  token: string;
  version: string;
  redactor: Redactor;
  credentials: CredentialStore;
  clock: () => number;
  relay: Relay;
  history(): HistoryStore;
  /** Starts the embedded mock when the mock environment is first used. */
  ensureMock(): Promise<void>;
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
  opts: { env?: Record<string, string | undefined>; clock?: () => number; log?: (line: string) => void; startMock?: boolean } = {},
): Services {
  const redactor = new Redactor();
  const credentials = new CredentialStore(config.dataDir, opts.env ?? process.env);
  for (const key of DEMO_KEYS) redactor.add(key.secret);
  for (const secret of credentials.allSecrets()) redactor.add(secret);
  const relay = createRelay();
  const rawLog = opts.log ?? ((line: string) => console.log(line));
  let history: HistoryStore | null = null;
  let mock: Promise<MockServer | null> | null = null;

  return {
    config,
    token: newSessionToken(),
    version: readVersion(),
    redactor,
    credentials,
    clock: opts.clock ?? Date.now,
    relay,
    history() {
      history ??= openHistoryStore({ dir: config.dataDir, bodyCapBytes: config.historyBodyCapBytes });
      return history;
    },
    ensureMock() {
      if (opts.startMock === false) return Promise.resolve();
      const starting: Promise<MockServer | null> = (mock ??= startMockServer({ port: config.mockPort, host: '127.0.0.1' }).catch(
        (e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE') {
          rawLog(`[playground] port ${config.mockPort} is taken: using the Qredo API already listening there as the mock.`);
          return null;
        }
          mock = null;
          throw e;
        },
      ));
      return starting.then(() => undefined);
    },
    log(line: string) {
      rawLog(redactor.scrub(line));
    },
    async close() {
      relay.close();
      history?.close();
      history = null;
      const m = await mock?.catch(() => null);
      await m?.close();
      mock = null;
    },
  };
}

export type { Server };
