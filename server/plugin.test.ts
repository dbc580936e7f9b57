/**
 * The plugin inside real Vite servers (dev and preview): it refuses to start where its data would be
 * servable or where it would listen beyond loopback, and its guard covers every path of the dev
 * server (Vite's own `/__open-in-editor`, `/@fs/`, the HMR WebSocket), not only /api.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServer, preview, type InlineConfig, type PreviewServer, type ViteDevServer } from 'vite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { playground } from './plugin.ts';
import { rawExchange } from '../test-support/http-client.ts';
import { canRunAsOtherUser, nodeAsOtherUser } from '../test-support/other-user.ts';
import { tempDir } from '../test-support/temp-dirs.ts';

const execFileAsync = promisify(execFile);
const TOKEN = 'plugin-test-token-0123456789abcdef';
const saved = { ...process.env };
const open: Array<ViteDevServer | PreviewServer> = [];

beforeEach(() => {
  process.env.PLAYGROUND_TOKEN = TOKEN;
  process.env.MOCK_PORT = '1';
  delete process.env.HOST;
  delete process.env.PLAYGROUND_ALLOW_REMOTE;
});

afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

/** A tiny project folder of its own, so that nothing is written into the repository. */
function project(): string {
  const root = tempDir('plugin-project-');
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'index.html'), '<!doctype html><title>t</title>');
  return root;
}

function config(root: string, extra: InlineConfig = {}): InlineConfig {
  return {
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [playground()],
    server: { host: '127.0.0.1', port: 0, ...extra.server },
    preview: { host: '127.0.0.1', port: 0, ...extra.preview },
  };
}

async function dev(root: string, extra: InlineConfig = {}): Promise<{ server: ViteDevServer; port: number }> {
  const server = await createServer(config(root, extra));
  open.push(server);
  await server.listen();
  return { server, port: (server.httpServer!.address() as AddressInfo).port };
}

const MODES = {
  dev: async (c: InlineConfig) => {
    const s = await createServer(c);
    open.push(s);
  },
  preview: async (c: InlineConfig) => {
    const s = await preview(c);
    open.push(s);
  },
};

describe('the page, in dev and preview', () => {
  it.each(['dev', 'preview'] as const)('%s: may not be framed by another page, nor sniffed', async (mode) => {
    process.env.PLAYGROUND_DATA_DIR = tempDir();
    const root = project();
    let port: number;
    if (mode === 'dev') port = (await dev(root)).port;
    else {
      const s = await preview(config(root));
      open.push(s);
      port = (s.httpServer.address() as AddressInfo).port;
    }
    for (const path of ['/', '/index.html']) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(res.status).toBe(200);
      const policy = res.headers.get('content-security-policy');
      // The built page gets the whole policy; the dev server's page has Vite's inline scripts.
      if (mode === 'preview')
        expect(policy).toMatch(/^default-src 'self'; script-src 'self'; .*frame-ancestors 'none'$/);
      else expect(policy).toBe("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe.each(Object.keys(MODES) as Array<keyof typeof MODES>)('vite %s refuses to start', (mode) => {
  const start = MODES[mode];

  it('with a data folder reached through a symbolic link into the project', async () => {
    const root = project();
    mkdirSync(join(root, 'data'));
    const link = join(tempDir(), 'data-link');
    symlinkSync(join(root, 'data'), link);
    process.env.PLAYGROUND_DATA_DIR = link;
    await expect(start(config(root))).rejects.toThrow(new RegExp(`inside ${root}.*PLAYGROUND_DATA_DIR`));
  });

  it('with a data folder inside a workspace folder Vite may serve', async () => {
    const workspace = tempDir('workspace-');
    const root = join(workspace, 'playground');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    process.env.PLAYGROUND_DATA_DIR = join(workspace, 'private-data');
    await expect(start(config(root, { server: { fs: { allow: [workspace] } } }))).rejects.toThrow(/server\.fs\.allow/);
  });

  it('bound beyond loopback without PLAYGROUND_ALLOW_REMOTE=1', async () => {
    process.env.PLAYGROUND_DATA_DIR = tempDir();
    const host = { server: { host: '0.0.0.0' }, preview: { host: '0.0.0.0' } };
    await expect(start(config(project(), host))).rejects.toThrow(/HOST=0\.0\.0\.0.*PLAYGROUND_ALLOW_REMOTE=1/);
    process.env.PLAYGROUND_ALLOW_REMOTE = '1';
    await expect(start(config(project(), host))).resolves.toBeUndefined();
  });
});

/**
 * A dev server whose editor is a script that writes down what it was asked to open, in a project
 * holding the files named; `opened()` reads what has been opened so far.
 */
async function devWithFakeEditor(files: string[]) {
  const marker = join(tempDir(), 'editor-was-opened');
  const editor = join(tempDir(), 'fake-editor.sh');
  writeFileSync(editor, `#!/bin/sh\necho "$@" >> ${marker}\n`);
  chmodSync(editor, 0o755);
  process.env.LAUNCH_EDITOR = editor;
  process.env.PLAYGROUND_DATA_DIR = tempDir();
  const root = project();
  for (const f of files) writeFileSync(join(root, f), 'x');
  const { port } = await dev(root);
  return {
    root,
    port,
    // The shell makes the file before echo writes into it: callers wait for the line, not the file.
    opened: () => (existsSync(marker) ? readFileSync(marker, 'utf8') : ''),
  };
}

describe('the dev server refuses other sites on every path', () => {
  it('never opens the editor for another site, nor for a request that is not the page itself', async () => {
    const { root, port, opened } = await devWithFakeEditor(['opened-by-the-page.txt', 'asked-by-another-site.txt']);
    const refused: Array<Record<string, string>> = [
      { origin: 'http://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      {},
    ];
    for (const headers of refused) {
      const res = await fetch(
        `http://127.0.0.1:${port}/__open-in-editor?file=${join(root, 'asked-by-another-site.txt')}`,
        { headers },
      );
      expect(res.status).toBe(403);
    }
    // The page's own error overlay (a same-origin fetch) still may: and that shows the probe works.
    const own = await fetch(`http://127.0.0.1:${port}/__open-in-editor?file=${join(root, 'opened-by-the-page.txt')}`, {
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(200);
    await expect.poll(opened, { timeout: 10_000 }).toContain('opened-by-the-page.txt');
    expect(opened()).not.toContain('asked-by-another-site.txt');
  }, 20_000);

  it.runIf(canRunAsOtherUser)(
    "never opens the editor for another user of the machine, though it sends the page's headers",
    async () => {
      const { root, port, opened } = await devWithFakeEditor(['asked-by-another-user.txt', 'opened-by-the-owner.txt']);
      const url = (name: string) => `http://127.0.0.1:${port}/__open-in-editor?file=${join(root, name)}`;
      const script = `fetch(${JSON.stringify(url('asked-by-another-user.txt'))}, { headers: { 'sec-fetch-site': 'same-origin' } }).then(async (r) => console.log(r.status, await r.text()))`;
      const { stdout } = await execFileAsync(...nodeAsOtherUser(script));
      expect(stdout).toMatch(/^403 Refused: this request comes from another user of the machine/);
      // The owner's own request still opens the editor, after the other's was refused: the probe works.
      const own = await fetch(url('opened-by-the-owner.txt'), { headers: { 'sec-fetch-site': 'same-origin' } });
      expect(own.status).toBe(200);
      await expect.poll(opened, { timeout: 10_000 }).toContain('opened-by-the-owner.txt');
      expect(opened()).not.toContain('asked-by-another-user.txt');
    },
    20_000,
  );

  it('refuses /@fs/ and the page to another origin', async () => {
    process.env.PLAYGROUND_DATA_DIR = tempDir();
    const { port } = await dev(project());
    for (const path of ['/@fs/etc/hostname', '/', '/index.html', '/@vite/client']) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { origin: 'http://evil.example' } });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(await res.text()).toContain('Refused: requests from "http://evil.example"');
    }
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  });

  it('refuses the HMR WebSocket upgrade from another origin, and lets the page have it', async () => {
    process.env.PLAYGROUND_DATA_DIR = tempDir();
    const { port } = await dev(project());
    const upgrade = async (extra: string) =>
      (
        await rawExchange(
          port,
          `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: vite-hmr\r\n${extra}\r\n`,
        )
      ).all;
    expect(await upgrade('Origin: http://evil.example\r\n')).toMatch(/^HTTP\/1\.1 403/);
    expect(await upgrade('Sec-Fetch-Site: cross-site\r\n')).toMatch(/^HTTP\/1\.1 403/);
    expect(await upgrade('')).toMatch(/^HTTP\/1\.1 101/);
  });

  it('answers /api only with the launch token, and prints the address that carries it', async () => {
    process.env.PLAYGROUND_DATA_DIR = tempDir();
    const { server, port } = await dev(project());
    expect((await fetch(`http://127.0.0.1:${port}/api/session`)).status).toBe(401);
    const ok = await fetch(`http://127.0.0.1:${port}/api/session`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    const lines: string[] = [];
    server.config.logger.info = (line: string) => void lines.push(line);
    server.printUrls();
    expect(lines.join('\n')).toContain(`http://127.0.0.1:${port}/#token=${TOKEN}`);
  });
});
