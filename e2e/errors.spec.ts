import { pageHeaders, useSandboxTestKey } from './fixtures/api.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// Errors: relay errors, a 401 with the mock's reason, perimeter refusals and an unreachable
// upstream are each shown plainly where the response would be; never a blank panel.

test('a 401 shows the mock\'s reason ("timestamp expired") where the response would be', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pinTimestamp('1000000000');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${uniqueMarker('stale')}` }, 401);
  await expect(playground.response).toContainText('401 Unauthorized');
  await expect(playground.response).toContainText(/Reason: .*timestamp expired/);
});

test('a perimeter refusal (a foreign Origin) is shown plainly, and nothing is sent', async ({
  page,
  request,
  baseURL,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('perim');
  // The browser will not let a page forge its Origin, so the guard's real answer to one is fetched
  // first and handed to the page in place of the send.
  const refusal = await request.post('/api/send', {
    headers: { ...pageHeaders(baseURL ?? ''), origin: 'http://evil.example' },
    data: { environment: 'mock', method: 'GET', path: `/balance?probe=${marker}`, body: null },
  });
  expect(refusal.status()).toBe(403);
  await page.route('**/api/send', (route) => route.fulfill({ response: refusal }));
  await playground.compose({ method: 'GET', path: `/balance?probe=${marker}` });
  await playground.send.click();
  const alert = playground.response.getByRole('alert');
  await expect(alert).toContainText('The playground refused the request');
  await expect(alert).toContainText('HTTP 403');
  await expect(alert).toContainText('Nothing was sent upstream.');
  await expect(playground.historyEntry(marker)).toHaveCount(0);
});

test('an upstream that closes the connection is shown where the response would be', async ({
  page,
  request,
  baseURL,
}) => {
  await useSandboxTestKey(request, baseURL ?? '');
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Sandbox');
  const marker = uniqueMarker('closed');
  await playground.compose({ method: 'GET', path: `/close?probe=${marker}` });
  await playground.send.click();
  const alert = playground.response.getByRole('alert');
  await expect(alert).toContainText(/The upstream (closed the connection|could not be reached)/);
  await expect(alert).toContainText(`/qapi/v1/close?probe=${marker}`);
  await expect(playground.historyEntry(marker)).toHaveCount(1);
  await expect(playground.historyEntry(marker)).toContainText(/connection-reset|upstream-unreachable/);
});

test('a request the server cannot sign (bad path) is explained in the signing panel and at the Path field', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.setPath('balance without a slash');
  await expect(playground.stringToSign.getByRole('alert')).toContainText('This request cannot be signed as it is.');
  // The same rule, at the field itself: Send is held until the path is fixed, so nothing goes out.
  await expect(playground.path).toHaveAttribute('aria-invalid', 'true');
  await expect(playground.path).toHaveAccessibleDescription(/The path must start with "\/"/);
  await playground.send.click();
  await expect(playground.announcer).toHaveText('Some fields need attention before sending.');
  await expect(playground.response).toContainText('Send a request, or pick one from the history');
});
