/**
 * Another user of the same machine, for real: a process running as `nobody` (setpriv) tries every
 * /api route of a running playground, a confirmed production POST included, and looks for the launch
 * token in every process's arguments and environment and every file it can read near the playground.
 * It needs root to switch users; elsewhere it is skipped with a message.
 */
import { ifAssigned } from '../../test-support/assigned.ts';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp-dirs.ts';
import { PROJECT_ROOT, startStandalone, type StandaloneServer } from '../../test-support/standalone.ts';
import { startUpstream, type Upstream } from '../../test-support/upstream.ts';
import { TOKEN_FILE } from './launch-token.ts';

const SECRET = Buffer.from('$2a$10$OtherUserTestSecretForThePlaygroundOnly.0123456789ab').toString('base64');
const canSwitch = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
if (!canSwitch) console.warn('[other-user test] skipped: it needs root and setpriv to run a process as nobody');

/** What the other user runs: plain Node, no project code; the token it hunts for comes on stdin. */
const ATTACKER = `
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
const [port, ...roots] = process.argv.slice(2);
const token = readFileSync(0, 'utf8').trim();
const routes = [
  ['GET', '/api/session'], ['GET', '/api/history'], ['DELETE', '/api/history'], ['GET', '/api/history/1'],
  ['POST', '/api/sign', { environment: 'production', method: 'POST', path: '/transaction', body: '{}', confirm: true }],
  ['POST', '/api/send', { environment: 'production', method: 'POST', path: '/transaction', body: '{}', confirm: true }],
  ['POST', '/api/walkthrough', { environment: 'production', method: 'GET', path: '/balance', body: null }],
  ['POST', '/api/doctor', { environment: 'production', capture: { curl: 'curl https://api.qredo.network/qapi/v1/balance' } }],
  ['POST', '/api/history/1/resend', { confirm: true }], ['POST', '/api/history/1/replay', { confirm: true }],
  ['GET', '/api/feed?environment=production'], ['POST', '/api/mock/reset'],
  ['PUT', '/api/credentials/production', { keyId: 'attacker', secret: 'JDJhJDEwJA' }],
  ['DELETE', '/api/credentials/production'],
];
const statuses = [];
for (const [method, path, body] of routes) {
  const res = await fetch('http://127.0.0.1:' + port + path, {
    method,
    headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:' + port },
    body: body ? JSON.stringify(body) : undefined,
  });
  statuses.push([method, path, res.status, (await res.text()).includes(token)]);
}
const hits = [];
const look = (where, text) => { if (text.includes(token)) hits.push(where); };
let readable = 0;
for (const pid of readdirSync('/proc').filter((d) => /^\\d+$/.test(d))) {
  for (const f of ['cmdline', 'environ']) {
    try { look('/proc/' + pid + '/' + f, readFileSync('/proc/' + pid + '/' + f, 'latin1')); readable++; } catch {}
  }
}
const walk = (dir, depth) => {
  let names = [];
  try { names = readdirSync(dir); } catch { return; }
  for (const name of names) {
    if (name === 'node_modules' || name === '.git') continue;
    const p = join(dir, name);
    let st;
    try { st = statSync(p); } catch { continue; }
    if (st.isDirectory()) { if (depth > 0) walk(p, depth - 1); }
    else if (st.isFile() && st.size < 2_000_000) { try { look(p, readFileSync(p, 'latin1')); readable++; } catch {} }
  }
};
for (const root of roots) walk(root, 6);
process.stdout.write(JSON.stringify({ statuses, hits, readable }));
`;

describe.skipIf(!canSwitch)('another user of the machine', () => {
  let upstream: Upstream;
  let server: StandaloneServer;
  let dataDir: string;

  beforeAll(async () => {
    upstream = await startUpstream();
    dataDir = tempDir('other-user-data-');
    server = await startStandalone({
      PLAYGROUND_DATA_DIR: dataDir,
      PLAYGROUND_STANDALONE_MOCK: 'ephemeral',
      PLAYGROUND_PRODUCTION_BASE_URL: upstream.baseUrl,
      QREDO_PRODUCTION_API_KEY: 'otherUserTestKey',
      QREDO_PRODUCTION_API_SECRET: SECRET,
      QREDO_SANDBOX_API_KEY: undefined,
      QREDO_SANDBOX_API_SECRET: undefined,
      // Not pinned: the token is made in the data folder, as for a person running npm start.
      PLAYGROUND_TOKEN: '',
    });
  });

  afterAll(async () => {
    await ifAssigned(server)?.stop();
    await ifAssigned(upstream)?.close();
  });

  it('gets 401 on every /api route, moves nothing, and finds the token nowhere it can read', () => {
    const dir = tempDir('other-user-script-');
    chmodSync(dir, 0o755);
    const script = join(dir, 'attacker.mjs');
    writeFileSync(script, ATTACKER, { mode: 0o644 });
    const token = readFileSync(join(dataDir, TOKEN_FILE), 'utf8').trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const run = spawnSync(
      '/usr/bin/setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        process.execPath,
        script,
        String(server.port),
        PROJECT_ROOT,
        tmpdir(),
        dataDir,
      ],
      { input: token, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      statuses: Array<[string, string, number, boolean]>;
      hits: string[];
      readable: number;
    };
    for (const [method, path, status, leaked] of report.statuses) {
      expect({ method, path, status, leaked }).toEqual({ method, path, status: 401, leaked: false });
    }
    expect(report.hits).toEqual([]);
    // It did look: every process's arguments, and the project's files.
    expect(report.readable).toBeGreaterThan(50);
    expect(upstream.received).toHaveLength(0);
  });
});
