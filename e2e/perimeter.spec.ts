import { type APIResponse } from '@playwright/test';
import { LAUNCH_TOKEN, pageHeaders } from './fixtures/api.ts';
import { expect, test } from './fixtures/playground.ts';

// The perimeter of /api, checked from outside the page with Playwright's request fixture: only the
// playground's own page (right Host, same Origin, the launch token) may use it, and nothing invites
// another origin to read an answer.

const draft = { environment: 'mock', method: 'GET', path: '/balance', body: null };
const bearer = { authorization: `Bearer ${LAUNCH_TOKEN}` };

/** A refusal by the playground's guard: 401 or 403, a JSON error with a code and message, no CORS grant. */
async function expectRefused(res: APIResponse, status: 401 | 403 = 403): Promise<void> {
  expect(res.status()).toBe(status);
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
}

function foreignHost(baseURL: string | undefined): string {
  return `evil.example:${new URL(baseURL ?? 'http://127.0.0.1').port}`;
}

test('GET /api/session with the launch token answers, without a CORS grant or any token', async ({ request }) => {
  const res = await request.get('/api/session', { headers: bearer });
  expect(res.status()).toBe(200);
  expect(res.headers()).not.toHaveProperty('access-control-allow-origin');
  expect(await res.text()).not.toContain(LAUNCH_TOKEN);
});

test('every /api call without the launch token is a 401 that says where to find it', async ({ request }) => {
  for (const res of [
    await request.get('/api/session'),
    await request.get('/api/history'),
    await request.post('/api/sign', { data: draft }),
    await request.post('/api/sign', { headers: { authorization: 'Bearer not-the-token' }, data: draft }),
  ]) {
    await expectRefused(res, 401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('#token=');
  }
});

test('POST /api/sign with the token, from the page origin, is accepted', async ({ request, baseURL }) => {
  const res = await request.post('/api/sign', { headers: pageHeaders(baseURL ?? ''), data: draft });
  expect(res.status()).toBe(200);
  expect(res.headers()).not.toHaveProperty('access-control-allow-origin');
});

test('a foreign Origin is refused even with the token', async ({ request }) => {
  const headers = { ...bearer, origin: 'http://evil.example' };
  await expectRefused(await request.post('/api/sign', { headers, data: draft }));
  await expectRefused(await request.post('/api/send', { headers, data: draft }));
  await expectRefused(await request.get('/api/history', { headers }));
});

test('a Host naming another host (DNS rebinding) is refused, reads included', async ({ request, baseURL }) => {
  const host = foreignHost(baseURL);
  await expectHostRefused(await request.post('/api/sign', { headers: { ...bearer, host }, data: draft }));
  await expectHostRefused(await request.get('/api/session', { headers: { ...bearer, host } }));
  await expectHostRefused(await request.get('/api/history', { headers: { ...bearer, host } }));
  // A name Vite lets through (any *.localhost) still is not this playground: the guard answers.
  const port = new URL(baseURL ?? '').port;
  await expectRefused(await request.get('/api/session', { headers: { ...bearer, host: `rebind.localhost:${port}` } }));
  await expectRefused(
    await request.post('/api/sign', { headers: { ...bearer, host: `127.0.0.1:${Number(port) + 1}` }, data: draft }),
  );
});

test('a CORS preflight from another origin gets no grant', async ({ request }) => {
  const res = await request.fetch('/api/sign', {
    method: 'OPTIONS',
    headers: {
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
  expect(res.status()).toBeGreaterThanOrEqual(400);
  expect(res.headers()).not.toHaveProperty('access-control-allow-origin');
  expect(res.headers()).not.toHaveProperty('access-control-allow-headers');
});

test('the page and its files are refused to another site, the page itself included', async ({ request }) => {
  for (const path of ['/', '/index.html', '/favicon.svg']) {
    const cross = await request.get(path, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(cross.status()).toBe(403);
    const foreign = await request.get(path, { headers: { origin: 'http://evil.example' } });
    expect(foreign.status()).toBe(403);
  }
  expect((await request.get('/')).status()).toBe(200);
});
