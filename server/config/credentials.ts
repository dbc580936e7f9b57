import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '../../core/contract.ts';

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

export const CREDENTIALS_FILE = 'credentials.json';

/** A short fingerprint that tells two secrets apart without revealing either. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update('qredo-playground-fingerprint\0').update(secret.trim()).digest('hex').slice(0, 8);
}

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

  private readFile(): Partial<Record<RemoteEnvironment, { keyId: string; secret: string }>> {
    if (!existsSync(this.file)) return {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return parsed && typeof parsed === 'object'
        ? (parsed as Partial<Record<RemoteEnvironment, { keyId: string; secret: string }>>)
        : {};
    } catch {
      throw new Error(`The credentials file ${this.file} is not valid JSON; fix or delete it.`);
    }
  }

  get(environment: RemoteEnvironment): Credentials | null {
    const stored = this.readFile()[environment];
    if (stored && typeof stored.keyId === 'string' && typeof stored.secret === 'string') {
      return { keyId: stored.keyId, secret: stored.secret, source: 'file' };
    }
    const names = ENV_NAMES[environment];
    const keyId = this.env[names.key];
    const secret = this.env[names.secret];
    if (keyId && secret) return { keyId, secret, source: 'env' };
    return null;
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
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(all, null, 2) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }

  fileMode(): number | null {
    return existsSync(this.file) ? statSync(this.file).mode & 0o777 : null;
  }
}

export function envVarNames(environment: RemoteEnvironment): { key: string; secret: string } {
  return ENV_NAMES[environment];
}
