import { homedir } from 'node:os';
import { join, resolve, isAbsolute } from 'node:path';
import type { Environment, Scheme } from '../../core/contract.ts';
import { isLoopbackName } from '../security/guard.ts';

export interface RelayLimitsConfig {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxResponseBytes: number;
}

export interface PlaygroundConfig {
  host: string;
  port: number;
  mockPort: number;
  /** Where history and credentials live: outside the project folder. */
  dataDir: string;
  baseUrls: Record<Environment, string>;
  /** The Partner API's base URL in each environment (the mock serves it on its own port). */
  partnerBaseUrls: Record<Environment, string>;
  relay: RelayLimitsConfig;
  historyBodyCapBytes: number;
  /** PLAYGROUND_ALLOW_REMOTE=1: a non-loopback HOST may be bound, and the launch token is the only key. */
  allowRemote: boolean;
}

export const SANDBOX_BASE_URL = 'https://sandbox-api.qredo.network/qapi/v1';
export const PRODUCTION_BASE_URL = 'https://api.qredo.network/qapi/v1';
export const PARTNER_SANDBOX_BASE_URL = 'https://sandbox-api.qredo.network/api/v1/p';
export const PARTNER_PRODUCTION_BASE_URL = 'https://api.qredo.network/api/v1/p';

type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}; it is ${JSON.stringify(raw)}.`);
  }
  return n;
}

export function defaultDataDir(env: Env = process.env): string {
  const base =
    env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'qredo-api-playground');
}

/** Reads the configuration from the environment. Throws with a clear message on bad values. */
export function loadConfig(env: Env = process.env): PlaygroundConfig {
  const mockPort = intFrom(env, 'MOCK_PORT', 8002, 1, 65535);
  return {
    host: env.HOST || '127.0.0.1',
    port: intFrom(env, 'PORT', 5173, 0, 65535),
    mockPort,
    dataDir: resolve(env.PLAYGROUND_DATA_DIR || defaultDataDir(env)),
    baseUrls: {
      mock: `http://127.0.0.1:${mockPort}/qapi/v1`,
      sandbox: env.PLAYGROUND_SANDBOX_BASE_URL || SANDBOX_BASE_URL,
      production: env.PLAYGROUND_PRODUCTION_BASE_URL || PRODUCTION_BASE_URL,
    },
    partnerBaseUrls: {
      mock: `http://127.0.0.1:${mockPort}/api/v1/p`,
      sandbox: env.PLAYGROUND_PARTNER_SANDBOX_BASE_URL || PARTNER_SANDBOX_BASE_URL,
      production: env.PLAYGROUND_PARTNER_PRODUCTION_BASE_URL || PARTNER_PRODUCTION_BASE_URL,
    },
    relay: {
      connectTimeoutMs: intFrom(env, 'PLAYGROUND_CONNECT_TIMEOUT_MS', 10_000, 1, 600_000),
      totalTimeoutMs: intFrom(env, 'PLAYGROUND_TIMEOUT_MS', 30_000, 1, 3_600_000),
      maxResponseBytes: intFrom(env, 'PLAYGROUND_MAX_RESPONSE_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    },
    historyBodyCapBytes: intFrom(env, 'PLAYGROUND_HISTORY_BODY_CAP', 2 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    allowRemote: env.PLAYGROUND_ALLOW_REMOTE === '1',
  };
}

/** A HOST value that binds loopback only (IPv6 written with or without brackets). */
export function isLoopback(host: string): boolean {
  return isLoopbackName(host === '::1' ? '[::1]' : host);
}

/**
 * Refuses to bind anything but loopback unless PLAYGROUND_ALLOW_REMOTE=1 says so: the server signs
 * with keys that can move funds. Returns the warning to print when remote access is allowed.
 */
export function checkBindHost(host: string, allowRemote: boolean): string | null {
  if (isLoopback(host)) return null;
  if (!allowRemote) {
    throw new Error(
      `HOST=${host} would let other machines reach a server that signs with your Qredo keys, so the playground does not start. Unset HOST to bind 127.0.0.1, or set PLAYGROUND_ALLOW_REMOTE=1 as well if you really mean it (the launch token is then the only key).`,
    );
  }
  const line = '!'.repeat(78);
  return `${line}\n! The playground is listening on ${host}, not on loopback: other machines can reach a\n! server that signs with your Qredo keys; only the launch token keeps them out.\n${line}`;
}

/** The base URL a request of this scheme goes to in this environment. */
export function baseUrlFor(
  config: Pick<PlaygroundConfig, 'baseUrls' | 'partnerBaseUrls'>,
  scheme: Scheme | undefined,
  environment: Environment,
): string {
  return scheme === 'partner' ? config.partnerBaseUrls[environment] : config.baseUrls[environment];
}
