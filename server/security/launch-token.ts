/**
 * The launch token: the one key to /api. It is made at first start (256 random bits), kept 0600 in the
 * data folder so that a restart keeps the page working, printed in the terminal as a link whose
 * fragment carries it (a fragment never reaches a server or its logs), and sent by the page as
 * `Authorization: Bearer …`. Scripts and tests pin it with PLAYGROUND_TOKEN; never a command-line
 * argument, which every user of the machine can read.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { modeWarning, readPrivateFile, writePrivateFile } from './data-dir.ts';

export const TOKEN_FILE = 'launch-token';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,256}$/;

export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface LaunchToken {
  /** The token in force (re-read when the file is replaced, so `cli token --new` takes effect at once). */
  current(): string;
  /** Constant-time comparison with the token in force. */
  matches(candidate: string): boolean;
  source: 'env' | 'file';
  /** Where it is kept, when it is kept in a file. */
  file: string | null;
  /** Warnings for the terminal (a token file open to others). */
  warnings: string[];
}

function readTokenFile(file: string): { token: string; mode: number } | null {
  const found = readPrivateFile(file);
  if (!found) return null;
  const token = found.text.trim();
  if (!TOKEN_PATTERN.test(token)) return null;
  return { token, mode: found.mode };
}

/** Writes a fresh token into the data folder and returns it. */
export function rotateLaunchToken(realDataDir: string): string {
  const token = newLaunchToken();
  writePrivateFile(realDataDir, TOKEN_FILE, token + '\n');
  return token;
}

/**
 * The token from PLAYGROUND_TOKEN, else from the data folder (made there when missing or unreadable).
 * `realDataDir` must have been prepared (private, owned by the current user).
 */
export function loadLaunchToken(
  realDataDir: string,
  env: Record<string, string | undefined> = process.env,
  opts: { rotate?: boolean } = {},
): LaunchToken {
  const pinned = env.PLAYGROUND_TOKEN;
  if (pinned !== undefined && pinned !== '') {
    if (!TOKEN_PATTERN.test(pinned)) {
      throw new Error(
        'PLAYGROUND_TOKEN must be 22 to 256 characters of A-Z, a-z, 0-9, "-" and "_" (at least 128 bits); leave it unset to let the playground make one.',
      );
    }
    return {
      current: () => pinned,
      matches: (c) => sameText(c, pinned),
      source: 'env',
      file: null,
      warnings: [],
    };
  }
  const file = join(realDataDir, TOKEN_FILE);
  const warnings: string[] = [];
  let token: string;
  const existing = opts.rotate ? null : readTokenFile(file);
  if (existing) {
    token = existing.token;
    const warning = modeWarning(file, existing.mode);
    if (warning) warnings.push(warning);
  } else {
    token = rotateLaunchToken(realDataDir);
  }
  let stamp = fileStamp(file);
  const current = () => {
    // Has the file been replaced (a rotation from the CLI)? A stat per call: a few microseconds.
    const next = fileStamp(file);
    if (next !== stamp) {
      stamp = next;
      const read = readTokenFile(file);
      if (read) token = read.token;
    }
    return token;
  };
  return { current, matches: (c) => sameText(c, current()), source: 'file', file, warnings };
}

function fileStamp(file: string): string {
  try {
    const st = statSync(file);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch {
    return 'missing';
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The address to open: the page with the token in the fragment. */
export function launchUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/#token=${token}`;
}
