import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp-dirs.ts';
import {
  DataDirError,
  assertNotServed,
  modeWarning,
  prepareDataDir,
  readPrivateFile,
  realPathOf,
  writePrivateFile,
} from './data-dir.ts';

const isRoot = process.getuid?.() === 0;

describe('prepareDataDir', () => {
  it('creates the folder private (0700)', () => {
    const dir = join(tempDir(), 'a', 'b');
    const prepared = prepareDataDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(prepared.realDir).toBe(realPathOf(dir));
    expect(prepared.notes).toEqual([]);
  });

  it('narrows a folder of ours that group or others could write to, and says so', () => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const prepared = prepareDataDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(prepared.notes.join()).toMatch(/mode 777.*now 0700/);
  });

  it.skipIf(!isRoot)('refuses a folder that belongs to another user', () => {
    const dir = tempDir();
    chownSync(dir, 65534, 65534);
    expect(() => prepareDataDir(dir)).toThrow(/belongs to another user \(uid 65534\)/);
  });

  it('refuses a file where the folder should be', () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    expect(() => prepareDataDir(file)).toThrow();
  });
});

describe('assertNotServed', () => {
  it('refuses a data folder reached through a symbolic link into served space, naming both paths', () => {
    const project = tempDir('served-project-');
    const inside = join(project, '.data');
    mkdirSync(inside);
    const link = join(tempDir(), 'looks-outside');
    symlinkSync(inside, link);
    const { realDir } = prepareDataDir(link);
    expect(() => assertNotServed(realDir, [{ path: project, what: 'the project folder' }])).toThrow(DataDirError);
    expect(() => assertNotServed(realDir, [{ path: project, what: 'the project folder' }])).toThrow(
      new RegExp(`${realDir}.*inside ${realPathOf(project)} \\(the project folder\\)`),
    );
  });

  it('refuses a served folder reached through a link too, and lets an outside folder be', () => {
    const workspace = tempDir('workspace-');
    const data = join(workspace, 'data');
    const link = join(tempDir(), 'workspace-link');
    symlinkSync(workspace, link);
    const { realDir } = prepareDataDir(data);
    expect(() => assertNotServed(realDir, [{ path: link, what: 'server.fs.allow' }])).toThrow(/server\.fs\.allow/);
    expect(() => assertNotServed(prepareDataDir(tempDir()).realDir, [{ path: workspace, what: 'x' }])).not.toThrow();
  });
});

describe('writePrivateFile', () => {
  it('writes 0600, atomically, leaving no temp file behind', () => {
    const dir = prepareDataDir(tempDir()).realDir;
    writePrivateFile(dir, 'credentials.json', '{"a":1}\n');
    expect(readFileSync(join(dir, 'credentials.json'), 'utf8')).toBe('{"a":1}\n');
    expect(statSync(join(dir, 'credentials.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['credentials.json']);
  });

  it('never writes through a planted link: not at the old predictable temp names, not at the file itself', () => {
    const dir = prepareDataDir(tempDir()).realDir;
    const victim = join(tempDir(), 'chosen-by-someone-else');
    writeFileSync(victim, 'untouched');
    for (let pid = process.pid - 2; pid <= process.pid + 2; pid++)
      symlinkSync(victim, join(dir, `credentials.json.${pid}.tmp`));
    symlinkSync(victim, join(dir, 'credentials.json'));
    writePrivateFile(dir, 'credentials.json', 'secret material');
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(lstatSync(join(dir, 'credentials.json')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'credentials.json'), 'utf8')).toBe('secret material');
  });
});

describe('readPrivateFile', () => {
  it('reads a file of ours with its mode, and says none when there is none', () => {
    const dir = prepareDataDir(tempDir()).realDir;
    expect(readPrivateFile(join(dir, 'missing'))).toBeNull();
    writeFileSync(join(dir, 'f'), 'x', { mode: 0o644 });
    chmodSync(join(dir, 'f'), 0o644);
    expect(readPrivateFile(join(dir, 'f'))).toEqual({ text: 'x', mode: 0o644 });
  });

  it('refuses to follow a link', () => {
    const dir = prepareDataDir(tempDir()).realDir;
    const elsewhere = join(tempDir(), 'other');
    writeFileSync(elsewhere, '{"sandbox":{"keyId":"planted","secret":"planted"}}');
    symlinkSync(elsewhere, join(dir, 'credentials.json'));
    expect(() => readPrivateFile(join(dir, 'credentials.json'))).toThrow(/symbolic link/);
  });

  it.skipIf(!isRoot)('refuses a file another user owns (they could have planted it)', () => {
    const dir = prepareDataDir(tempDir()).realDir;
    writeFileSync(join(dir, 'credentials.json'), '{}');
    chownSync(join(dir, 'credentials.json'), 65534, 65534);
    expect(() => readPrivateFile(join(dir, 'credentials.json'))).toThrow(/another user/);
  });
});

describe('modeWarning', () => {
  it('warns about a file other users may read, with the command that fixes it', () => {
    expect(modeWarning('/d/credentials.json', 0o644)).toBe(
      '/d/credentials.json has mode 0644: other users of this machine may read it. Run: chmod 600 /d/credentials.json',
    );
    expect(modeWarning('/d/credentials.json', 0o600)).toBeNull();
    expect(modeWarning('/d/credentials.json', 0o400)).toBeNull();
    expect(existsSync('/d/credentials.json')).toBe(false);
  });
});
