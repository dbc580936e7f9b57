import { ifAssigned } from '../test-support/assigned.ts';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestPlayground, type TestPlayground } from '../test-support/playground.ts';
import { tempDir } from '../test-support/temp-dirs.ts';
import { startUpstream, type Upstream } from '../test-support/upstream.ts';

const KEY_TEXT = '$2a$10$LeakTestSecretThatMustNeverLeaveTheServer.0123456789ab';
const SECRET = Buffer.from(KEY_TEXT).toString('base64');
const PAGE_TEXT = '$2a$10$SecondSecretSetFromThePageNeverReturned.0123456789abcd';
const PAGE_SECRET = Buffer.from(PAGE_TEXT).toString('base64url');

/** Every form of the two secrets that must never appear outside the credentials store. */
const NEEDLES = [
  SECRET,
  KEY_TEXT,
  Buffer.from(KEY_TEXT).toString('hex'),
  PAGE_SECRET,
  PAGE_TEXT,
  Buffer.from(PAGE_TEXT).toString('hex'),
];

let p: TestPlayground;
let upstream: Upstream;
afterEach(async () => {
  await ifAssigned(p)?.close();
  await ifAssigned(upstream)?.close();
});

function hits(text: string): string[] {
  return NEEDLES.filter((n) => text.includes(n));
}

describe('secrets never leave', () => {
  it('appear in no /api answer, no history row, no log line, even when the upstream echoes them', async () => {
    const dataDir = tempDir();
    // A hostile upstream that echoes both secrets back in its headers and body.
    upstream = await startUpstream({
      answer: (_r, res) => {
        res.setHeader('x-echo', SECRET);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ leaked: [SECRET, KEY_TEXT, PAGE_SECRET, PAGE_TEXT] }));
      },
    });
    p = await startTestPlayground({
      dataDir,
      env: { QREDO_SANDBOX_API_KEY: 'leakTestKey001', QREDO_SANDBOX_API_SECRET: SECRET },
      config: (c) => ({ ...c, baseUrls: { ...c.baseUrls, sandbox: upstream.baseUrl, production: upstream.baseUrl } }),
    });
    const set = await p.call('PUT', '/api/credentials/production', {
      body: { keyId: 'pageKeyId00001', secret: PAGE_SECRET },
    });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ name: 'production', configured: true, keyId: 'pageKeyId00001', source: 'file' });
    expect(set.json.fingerprint).toMatch(/^[0-9a-f]{8}$/);

    const draft = { method: 'POST', path: '/transaction', body: `{"note":"${SECRET}"}` };
    await p.call('GET', '/api/session');
    await p.call('POST', '/api/sign', { body: { environment: 'sandbox', ...draft } });
    const sent = await p.call('POST', '/api/send', { body: { environment: 'sandbox', ...draft } });
    expect(sent.json.response.status).toBe(200);
    await p.call('POST', '/api/send', { body: { environment: 'production', ...draft, confirm: true } });
    await p.call('GET', '/api/history');
    await p.call('GET', `/api/history/${sent.json.id}`);
    await p.call('POST', `/api/history/${sent.json.id}/resend`, { body: {} });
    // Error paths: a bad secret, a bad path, a bad body.
    await p.call('PUT', '/api/credentials/sandbox', { body: { keyId: 'k', secret: `${SECRET}!` } });
    await p.call('POST', '/api/send', { body: { environment: 'sandbox', method: 'GET', path: SECRET, body: null } });
    await p.call('POST', '/api/send', { raw: `{"environment":"${SECRET}"` });
    // The workbench: every way in refuses or leaves out a secret, and no way out carries one.
    const imported = await p.call('POST', '/api/import', {
      body: {
        text: `@k = ${SECRET}\n\n### A\nGET ${upstream.baseUrl}/balance\nX-K: ${KEY_TEXT}\n\n### B\nPOST ${upstream.baseUrl}/transaction\n\n{"p":"${PAGE_TEXT}"}\n`,
        collection: `Leaky`,
      },
    });
    expect(imported.status).toBe(201);
    const leakyId = imported.json.collection.id;
    for (const format of ['http', 'postman', 'json'])
      await p.call('GET', `/api/collections/${leakyId}/export?format=${format}`);
    await p.call('GET', `/api/collections/${leakyId}`);
    await p.call('GET', `/api/saved-requests?q=${encodeURIComponent(SECRET.slice(0, 20))}`);
    const refused = [
      await p.call('POST', `/api/collections/${leakyId}/items`, {
        body: {
          item: {
            type: 'request',
            name: 'x',
            method: 'GET',
            path: `/x/${Buffer.from(KEY_TEXT).toString('hex')}`,
            headers: [],
            body: null,
            environment: 'sandbox',
            captures: [],
          },
        },
      }),
      await p.call('PATCH', `/api/collections/${leakyId}`, {
        body: { variables: [{ name: 'p', value: PAGE_SECRET }] },
      }),
      await p.call('PUT', '/api/variables/sandbox', { body: { variables: [{ name: 's', value: SECRET }] } }),
      await p.call('PUT', '/api/workspace', {
        body: {
          workspace: {
            tabs: [
              {
                id: 't',
                draft: { environment: 'sandbox', method: 'POST', path: '/transaction', body: PAGE_TEXT, headers: [] },
                dirty: true,
              },
            ],
            activeTabId: 't',
          },
        },
      }),
    ];
    expect(refused.map((r) => r.json.error?.code)).toEqual([
      'secret-refused',
      'secret-refused',
      'secret-refused',
      'secret-refused',
    ]);
    await p.call('GET', '/api/variables');
    await p.call('GET', '/api/workspace');

    expect(p.answers.length).toBeGreaterThanOrEqual(23);
    expect(p.answers.flatMap(hits)).toEqual([]);
    expect(p.logs.flatMap(hits)).toEqual([]);
    await p.close();

    const files = readdirSync(dataDir).filter((f) => f.startsWith('history'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(hits(readFileSync(join(dataDir, f)).toString('latin1')), f).toEqual([]);
    expect(statSync(join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);
  });
});
