/** Command-line arguments of `npm run mock` (server/mock/main.ts), kept apart so tests can import them. */
import { itemAt } from '../../core/checked.ts';
import { DEFAULT_SEED, MAX_SEED } from './data.ts';
import { DEMO_KEYS } from './keys.ts';
import { partnerKeysForListing } from './partner/keys.ts';
import { DEFAULT_MOCK_PORT } from './server.ts';

export type CliCommand =
  | { kind: 'serve'; port: number; host: string; seed: number }
  | { kind: 'reset'; port: number; host: string }
  | { kind: 'list-keys' }
  | { kind: 'help' };

export const USAGE = `Usage: npm run mock -- [--port N] [--host ADDRESS] [--seed N] [--reset] [--list-keys] [--help]
  --port N       port to listen on (default: MOCK_PORT or ${DEFAULT_MOCK_PORT}; 0 picks a free port)
  --host ADDRESS address to bind (default 127.0.0.1)
  --seed N       build the data from seed N, 0 to ${MAX_SEED} (default ${DEFAULT_SEED}); the same seed gives the same data
  --reset        reset the mock already running at --host and --port to its seeded state, then exit
  --list-keys    print the demo keys as JSON and exit: v1 key IDs and secrets, Partner API keys and private keys`;

function parseSeed(text: string): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) > MAX_SEED)
    throw new Error(`--seed must be an integer from 0 to ${MAX_SEED}; got ${JSON.stringify(text)}`);
  return Number(text);
}

function parsePort(text: string | undefined, source: string): number {
  if (text === undefined || !/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new Error(
      `${source} must be a port number from 0 to 65535; got ${text === undefined ? 'nothing' : JSON.stringify(text)}`,
    );
  }
  return Number(text);
}

/** Parses the command line; throws an Error with a readable message on bad arguments. */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliCommand {
  let port: number | undefined;
  let host = '127.0.0.1';
  let listKeys = false;
  let reset = false;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = itemAt(argv, i);
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${name} needs a value`);
      i += 1;
      return next;
    };
    switch (name) {
      case '--port':
        port = parsePort(value(), '--port');
        break;
      case '--host': {
        const h = value();
        if (h.trim() === '') throw new Error('--host needs a non-empty address');
        host = h;
        break;
      }
      case '--list-keys':
        if (inline !== undefined) throw new Error('--list-keys takes no value');
        listKeys = true;
        break;
      case '--reset':
        if (inline !== undefined) throw new Error('--reset takes no value');
        reset = true;
        break;
      case '--seed':
        seed = parseSeed(value());
        break;
      case '--help':
      case '-h':
        return { kind: 'help' };
      default:
        throw new Error(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if (listKeys) return { kind: 'list-keys' };
  const fromEnv = env.MOCK_PORT;
  const resolvedPort =
    port ?? (fromEnv !== undefined && fromEnv !== '' ? parsePort(fromEnv, 'MOCK_PORT') : DEFAULT_MOCK_PORT);
  if (reset) {
    if (seed !== undefined) throw new Error('--seed applies when starting the mock; --reset restores its own seed');
    if (resolvedPort === 0) throw new Error('--reset needs the port of the running mock, not 0');
    return { kind: 'reset', port: resolvedPort, host };
  }
  return { kind: 'serve', port: resolvedPort, host, seed: seed ?? DEFAULT_SEED };
}

/** The demo keys as printed by --list-keys: the v1 ones, then the Partner API ones. */
export function listKeysJson(): string {
  return JSON.stringify(
    [
      ...DEMO_KEYS.map((k) => ({
        id: k.id,
        scheme: 'v1',
        label: k.label,
        account: k.account,
        keyId: k.keyId,
        secret: k.secret,
        permissions: k.permissions,
        description: k.description,
      })),
      ...partnerKeysForListing(),
    ],
    null,
    2,
  );
}
