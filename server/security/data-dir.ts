/**
 * The data folder (history, credentials, launch token) belongs to the person running the playground
 * and to nobody else: it is created private, refused when someone else owns it or can write to it,
 * refused when the dev server could serve it, and written to without following planted links.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

export class DataDirError extends Error {}

/** The current user's id, or null where the platform has none (the checks that need it are skipped). */
function currentUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/** True when `inner` is `outer` or inside it; both must be real (resolved) paths. */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of a folder that may not exist yet: the real path of its nearest existing ancestor, plus the rest. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      rest.push(current.slice(parent.length).replace(/^\/+/, ''));
      current = parent;
    }
  }
}

export interface PreparedDataDir {
  /** The folder as configured. */
  dir: string;
  /** Its real path, links resolved. */
  realDir: string;
  /** What was fixed on the way (for the terminal). */
  notes: string[];
}

/**
 * Creates the data folder (0700) or checks the one there: it must be a folder owned by the current
 * user; when it is theirs but open to group or others, its mode is narrowed to 0700.
 */
export function prepareDataDir(dir: string): PreparedDataDir {
  const notes: string[] = [];
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const realDir = realpathSync(dir);
  const st = lstatSync(realDir);
  if (!st.isDirectory()) throw new DataDirError(`The data folder ${dir} is not a folder.`);
  const uid = currentUid();
  if (uid !== null && st.uid !== uid) {
    throw new DataDirError(
      `The data folder ${realDir} belongs to another user (uid ${st.uid}); it would let that user read or replace your keys. Choose a folder of your own with PLAYGROUND_DATA_DIR.`,
    );
  }
  if ((st.mode & 0o077) !== 0) {
    chmodSync(realDir, 0o700);
    notes.push(
      `The data folder ${realDir} was open to other users (mode ${(st.mode & 0o777).toString(8)}); it is now 0700.`,
    );
  }
  return { dir, realDir, notes };
}

/**
 * Refuses a data folder inside anything the web server may serve. Every path is compared by its
 * real path, so a symbolic link into the project counts as inside.
 */
export function assertNotServed(realDataDir: string, served: ReadonlyArray<{ path: string; what: string }>): void {
  for (const { path, what } of served) {
    const real = realPathOf(path);
    if (isWithin(realDataDir, real)) {
      throw new DataDirError(
        `The data folder ${realDataDir} is inside ${real} (${what}), which the web server can serve: your keys and history would be readable over HTTP. Set PLAYGROUND_DATA_DIR to a folder outside it.`,
      );
    }
  }
}

/** Writes a private file (0600) atomically: a new, randomly named file opened without following links, synced, then renamed into place. */
export function writePrivateFile(dir: string, name: string, content: string): void {
  const target = join(dir, name);
  const tmp = join(dir, `.${name}.${randomBytes(12).toString('hex')}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    const bytes = Buffer.from(content, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, target);
  try {
    const dirFd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some file systems cannot sync a folder; the rename itself is atomic.
  }
}

export interface PrivateFile {
  text: string;
  /** The permission bits, for a warning when they are wider than 0600. */
  mode: number;
}

/**
 * Reads a file of the data folder without following a link, or null when there is none. A link, a
 * non-file or a file owned by another user is refused.
 */
export function readPrivateFile(path: string): PrivateFile | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP')
      throw new DataDirError(`${path} is a symbolic link; the playground reads only its own files.`);
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new DataDirError(`${path} is not a regular file.`);
    const uid = currentUid();
    if (uid !== null && st.uid !== uid) throw new DataDirError(`${path} belongs to another user (uid ${st.uid}).`);
    return { text: readFileSync(fd, 'utf8'), mode: st.mode & 0o777 };
  } finally {
    closeSync(fd);
  }
}

/** A warning for a private file readable or writable by others, or null when it is 0600 or narrower. */
export function modeWarning(path: string, mode: number): string | null {
  if ((mode & 0o077) === 0) return null;
  return `${path} has mode ${mode.toString(8).padStart(4, '0')}: other users of this machine may read it. Run: chmod 600 ${path}`;
}
