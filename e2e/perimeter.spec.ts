import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { TOKEN_HEADER } from '../core/contract.ts';

// The perimeter of /api, checked from outside the page with Playwright's request fixture: only the
// playground's own page (right Host, same Origin, the session token) may use it, and nothing invites
// another origin to read an answer.

const draft = { environment: 'mock', method: 'GET', path: '/balance', body: null };

async function sessionToken(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/session');
  expect(res.status()).toBe(200);
  const session = (await res.json()) as { token?: unknown };
  expect(typeof session.token).toBe('string');
  return session.token as string;
}

/** A refusal by the playground's guard: 403, a JSON error with a code and message, no CORS grant. */
async function expectRefused(res: APIResponse): Promise<void> {
  expect(res.status()).toBe(403);
  expect(res.headers()['content-type']).toMatch(/^application\/json/);
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code).toBe('string');
  expect(typeof body.error?.message).toBe('string');
  expect(res.headers()).not.toHaveProperty('access-control-allow-origin');
}

/**
 * A refusal of a foreign Host: 403 and no CORS grant. Vite's own allowed-hosts check may answer
 * first (in plain text), before the playground's guard would (in JSON): either is a refusal.
 */
async function expectHostRefused(res: APIResponse): Promise<void> {
  expect(res.status()).toBe(403);
  expect(res.headers()).not.toHaveProperty('access-control-allow-origin');
  expect(await res.text()).not.toContain('"token"');
}

function foreignHost(baseURL: string | undefined): string {
  return `evil.example:${new URL(baseURL ?? 'http://127.0.0.1').port}`;
}

test('GET /api/session answers a token, without a CORS grant', async ({ request }) => {
  const res = await request.get('/api/session');
  expect(res.status()).toBe(200);
  expect(res.headers()).not.toHaveProperty('access-control-allow-origin');
  const session = (await res.json()) as { token?: unknown };
  expect(session.token).toEqual(expect.any(String));
  expect((session.token as string).length).toBeGreaterThanOrEqual(16);
});

test('POST /api/sign with the token, from the page origin, is accepted', async ({ request, baseURL }) => {
  const token = await sessionToken(request);
  const res = await request.post('/api/sign', {
    headers: { [TOKEN_HEADER]: token, origin: baseURL ?? '' },
    data: draft,
  });
  expect(res.status()).toBe(200);
  expect(res.headers()).not.toHaveProperty('access-control-allow-origin');
});

test('POST /api/sign without the token is refused with 403 JSON', async ({ request }) => {
  await expectRefused(await request.post('/api/sign', { data: draft }));
});

test('POST /api/sign with a wrong token is refused with 403 JSON', async ({ request }) => {
  await expectRefused(await request.post('/api/sign', { headers: { [TOKEN_HEADER]: 'not-the-token' }, data: draft }));
});

test('a foreign Origin is refused even with the token', async ({ request }) => {
  const token = await sessionToken(request);
  const headers = { [TOKEN_HEADER]: token, origin: 'http://evil.example' };
  await expectRefused(await request.post('/api/sign', { headers, data: draft }));
  await expectRefused(await request.post('/api/send', { headers, data: draft }));
  await expectRefused(await request.get('/api/history', { headers: { origin: 'http://evil.example' } }));
});

test('a Host naming another host (DNS rebinding) is refused, reads included', async ({ request, baseURL }) => {
  const token = await sessionToken(request);
  const host = foreignHost(baseURL);
  await expectHostRefused(await request.post('/api/sign', { headers: { [TOKEN_HEADER]: token, host }, data: draft }));
  await expectHostRefused(await request.get('/api/session', { headers: { host } }));
  await expectHostRefused(await request.get('/api/history', { headers: { host } }));
  // A name Vite lets through (any *.localhost) still is not this playground: the guard answers.
  const port = new URL(baseURL ?? '').port;
  await expectRefused(await request.get('/api/session', { headers: { host: `rebind.localhost:${port}` } }));
  await expectRefused(
    await request.post('/api/sign', {
      headers: { [TOKEN_HEADER]: token, host: `127.0.0.1:${Number(port) + 1}` },
      data: draft,
    }),
  );
});

test('a CORS preflight from another origin gets no grant', async ({ request }) => {
  const res = await request.fetch('/api/sign', {
    method: 'OPTIONS',
    headers: {
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': `content-type, ${TOKEN_HEADER}`,
    },
  });
  expect(res.status()).toBeGreaterThanOrEqual(400);
  expect(res.headers()).not.toHaveProperty('access-control-allow-origin');
  expect(res.headers()).not.toHaveProperty('access-control-allow-headers');
});
