import { chmodSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp-dirs.ts';
import { prepareDataDir } from './data-dir.ts';
import { TOKEN_FILE, launchUrl, loadLaunchToken, rotateLaunchToken } from './launch-token.ts';

const dataDir = () => prepareDataDir(tempDir()).realDir;

describe('the launch token', () => {
  it('is made at first start (256 bits), kept 0600, and the same at the next start', () => {
    const dir = dataDir();
    const first = loadLaunchToken(dir, {});
    expect(first.current()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.source).toBe('file');
    expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, TOKEN_FILE), 'utf8').trim()).toBe(first.current());
    expect(loadLaunchToken(dir, {}).current()).toBe(first.current());
  });

  it('follows a rotation at once, and compares in constant time', () => {
    const dir = dataDir();
    const token = loadLaunchToken(dir, {});
    const old = token.current();
    expect(token.matches(old)).toBe(true);
    const next = rotateLaunchToken(dir);
    expect(token.matches(old)).toBe(false);
    expect(token.matches(next)).toBe(true);
    expect(token.matches(next.slice(0, -1))).toBe(false);
  });

  it('warns when the token file is open to other users', () => {
    const dir = dataDir();
    loadLaunchToken(dir, {});
    chmodSync(join(dir, TOKEN_FILE), 0o644);
    expect(loadLaunchToken(dir, {}).warnings.join()).toMatch(/mode 0644.*chmod 600/);
  });

  it('does not read a planted link; makes its own file instead', () => {
    const dir = dataDir();
    const elsewhere = join(tempDir(), 'known-token');
    writeFileSync(elsewhere, 'attacker-knows-this-token-0123456789\n');
    symlinkSync(elsewhere, join(dir, TOKEN_FILE));
    expect(() => loadLaunchToken(dir, {})).toThrow(/symbolic link/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('attacker-knows-this-token-0123456789\n');
  });

  it('takes PLAYGROUND_TOKEN as is, writes nothing, and refuses a weak one', () => {
    const dir = dataDir();
    const pinned = loadLaunchToken(dir, { PLAYGROUND_TOKEN: 'a-token-pinned-by-a-script-000' });
    expect(pinned.current()).toBe('a-token-pinned-by-a-script-000');
    expect(pinned.file).toBeNull();
    expect(() => statSync(join(dir, TOKEN_FILE))).toThrow();
    for (const weak of ['short', 'has spaces in it but is long enough', 'x'.repeat(21)])
      expect(() => loadLaunchToken(dir, { PLAYGROUND_TOKEN: weak })).toThrow(/at least 128 bits/);
  });

  it('rides in the fragment of the printed address', () => {
    expect(launchUrl('http://127.0.0.1:5173/', 'abc')).toBe('http://127.0.0.1:5173/#token=abc');
  });
});
