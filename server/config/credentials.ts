import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_ID_PATTERN, type Environment } from '../../core/contract.ts';
import { KEY_ID_RULE } from '../../core/constants.ts';
import { modeWarning, readPrivateFile, writePrivateFile } from '../security/data-dir.ts';

export type RemoteEnvironment = Exclude<Environment, 'mock'>;

export interface Credentials {
  keyId: string;
  secret: string;
  source: 'env' | 'file';
}

type Env = Record<string, string | undefined>;

const ENV_NAMES: Record<RemoteEnvironment, { key: string; secret: string }> = {
  sandbox: { key: 'QREDO_SANDBOX_API_KEY', secret: 'QREDO_SANDBOX_API_SECRET' },
  production: { key: 'QREDO_PRODUCTION_API_KEY', secret: 'QREDO_PRODUCTION_API_SECRET' },
};

/** The Partner API's keys, from the environment (a PEM in the variable, or the path of a PEM file). */
const PARTNER_ENV_NAMES: Record<RemoteEnvironment, { apiKey: string; privateKey: string; privateKeyFile: string }> = {
  sandbox: {
    apiKey: 'QREDO_PARTNER_SANDBOX_API_KEY',
    privateKey: 'QREDO_PARTNER_SANDBOX_PRIVATE_KEY',
    privateKeyFile: 'QREDO_PARTNER_SANDBOX_PRIVATE_KEY_FILE',
  },
  production: {
    apiKey: 'QREDO_PARTNER_PRODUCTION_API_KEY',
    privateKey: 'QREDO_PARTNER_PRODUCTION_PRIVATE_KEY',
    privateKeyFile: 'QREDO_PARTNER_PRODUCTION_PRIVATE_KEY_FILE',
  },
};

/** A partner's keys for one environment: either half may be missing until both are given. */
export interface PartnerCredentials {
  /** The X-API-KEY, kept as a secret. */
  apiKey: string | null;
  /** PKCS#1 PEM. */
  privateKeyPem: string | null;
  source: 'env' | 'file';
}

type StoredPartner = { apiKey?: string; privateKeyPem?: string };
const partnerEntry = (environment: RemoteEnvironment) => `partner-${environment}` as const;

export const CREDENTIALS_FILE = 'credentials.json';

/** A short fingerprint that tells two secrets apart without revealing either. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update('qredo-playground-fingerprint\0').update(secret.trim()).digest('hex').slice(0, 8);
}

/** A stored or configured key that cannot be used as it is (its message says what to fix). */
export class CredentialsError extends Error {}

/**
 * Sandbox and production keys: from the page (kept in a 0600 file in the data folder), else from
 * the environment variables. The secret is read here and handed only to the signer.
 */
export class CredentialStore {
  private readonly file: string;

  constructor(
    private readonly dataDir: string,
    private readonly env: Env = process.env,
  ) {
    this.file = join(dataDir, CREDENTIALS_FILE);
  }

  private readFile(): Partial<Record<string, { keyId: string; secret: string } & StoredPartner>> {
    const found = readPrivateFile(this.file);
    if (!found) return {};
    try {
      const parsed: unknown = JSON.parse(found.text);
      return parsed && typeof parsed === 'object'
        ? (parsed as Partial<Record<string, { keyId: string; secret: string } & StoredPartner>>)
        : {};
    } catch {
      throw new Error(`The credentials file ${this.file} is not valid JSON; fix or delete it.`);
    }
  }

  get(environment: RemoteEnvironment): Credentials | null {
    const stored = this.readFile()[environment];
    let found: Credentials | null = null;
    if (stored && typeof stored.keyId === 'string' && typeof stored.secret === 'string') {
      found = { keyId: stored.keyId, secret: stored.secret, source: 'file' };
    } else {
      const names = ENV_NAMES[environment];
      const keyId = this.env[names.key];
      const secret = this.env[names.secret];
      if (keyId && secret) found = { keyId, secret, source: 'env' };
    }
    if (found && !KEY_ID_PATTERN.test(found.keyId)) {
      const where = found.source === 'env' ? ENV_NAMES[environment].key : `the key saved for ${environment}`;
      throw new CredentialsError(`The key id in ${where} cannot be sent as a header. ${KEY_ID_RULE} Replace it.`);
    }
    return found;
  }

  /** A warning when the credentials file is readable or writable by other users, else null. */
  modeWarning(): string | null {
    const found = readPrivateFile(this.file);
    return found ? modeWarning(this.file, found.mode) : null;
  }

  /** Every secret this store can see, for the redactor. */
  allSecrets(): string[] {
    const out: string[] = [];
    for (const env of ['sandbox', 'production'] as const) {
      const fromFile = this.readFile()[env]?.secret;
      if (fromFile) out.push(fromFile);
      const fromEnv = this.env[ENV_NAMES[env].secret];
      if (fromEnv) out.push(fromEnv);
    }
    return out;
  }

  /** The Partner API keys for an environment: saved from the page, else from the environment variables. */
  getPartner(environment: RemoteEnvironment): PartnerCredentials | null {
    const stored = this.readFile()[partnerEntry(environment)];
    if (stored && (stored.apiKey || stored.privateKeyPem)) {
      return { apiKey: stored.apiKey ?? null, privateKeyPem: stored.privateKeyPem ?? null, source: 'file' };
    }
    const names = PARTNER_ENV_NAMES[environment];
    const apiKey = this.env[names.apiKey]?.trim() || null;
    let privateKeyPem = this.env[names.privateKey] || null;
    const file = this.env[names.privateKeyFile];
    if (!privateKeyPem && file) {
      try {
        privateKeyPem = readFileSync(file, 'utf8');
      } catch (e) {
        throw new CredentialsError(
          `${names.privateKeyFile} names ${file}, which cannot be read: ${(e as Error).message}`,
        );
      }
    }
    return apiKey || privateKeyPem ? { apiKey, privateKeyPem, source: 'env' } : null;
  }

  /** Saves either half of a partner's keys (the other one kept). */
  setPartner(environment: RemoteEnvironment, patch: StoredPartner): void {
    const all = this.readFile();
    const entry = partnerEntry(environment);
    all[entry] = { ...(all[entry] as StoredPartner | undefined), ...patch } as never;
    this.write(all);
  }

  removePartner(environment: RemoteEnvironment): void {
    const all = this.readFile();
    delete all[partnerEntry(environment)];
    this.write(all);
  }

  /** Every partner key this store can see (X-API-KEYs and private key PEMs), for the redactor. */
  allPartnerSecrets(): { apiKeys: string[]; privateKeys: string[] } {
    const apiKeys: string[] = [];
    const privateKeys: string[] = [];
    for (const env of ['sandbox', 'production'] as const) {
      let found: PartnerCredentials | null = null;
      try {
        found = this.getPartner(env);
      } catch {
        // An unreadable key file is reported when it is used.
      }
      if (found?.apiKey) apiKeys.push(found.apiKey);
      if (found?.privateKeyPem) privateKeys.push(found.privateKeyPem);
    }
    return { apiKeys, privateKeys };
  }

  set(environment: RemoteEnvironment, keyId: string, secret: string): void {
    const all = this.readFile();
    all[environment] = { keyId, secret };
    this.write(all);
  }

  remove(environment: RemoteEnvironment): void {
    const all = this.readFile();
    delete all[environment];
    this.write(all);
  }

  private write(all: object): void {
    writePrivateFile(this.dataDir, CREDENTIALS_FILE, JSON.stringify(all, null, 2) + '\n');
  }
}

export function envVarNames(environment: RemoteEnvironment): { key: string; secret: string } {
  return ENV_NAMES[environment];
}

export function partnerEnvVarNames(environment: RemoteEnvironment): {
  apiKey: string;
  privateKey: string;
  privateKeyFile: string;
} {
  return PARTNER_ENV_NAMES[environment];
}
