import { useSandboxTestKey } from './fixtures/api.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// The response panel: status with its meaning, time, size, headers, the body pretty-printed with search
// and folding, raw view, copy and download; bodies over 2 MB are not pretty-printed until asked.
// The large, HTML and binary bodies come from the local test upstream behind "Sandbox".

test('a 200 shows status with meaning, time, size, and Body, Headers, Raw and Request tabs', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('resp');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);

  await expect(playground.response).toContainText('200 OK');
  await expect(playground.response).toContainText(/Time\s*\d+/);
  await expect(playground.response).toContainText(/Size\s*[\d.]+\s*(B|KB|kB)/);
  await expect(playground.response.getByRole('button', { name: 'Copy response', exact: true })).toBeVisible();
  await expect(playground.response.getByRole('button', { name: 'Download response', exact: true })).toBeVisible();

  const body = playground.response.getByRole('region', { name: 'Response body, formatted', exact: true });
  await expect(body).toContainText('"assets"');
  // Folding: collapse all blocks, then expand again.
  await playground.response.getByRole('button', { name: 'Collapse all', exact: true }).click();
  await expect(playground.response.getByRole('button', { name: 'Expand all', exact: true })).toBeEnabled();
  await playground.response.getByRole('button', { name: 'Expand all', exact: true }).click();

  // Search: matches are counted and can be stepped through.
  const search = playground.response.getByRole('searchbox', { name: 'Search response', exact: true });
  await search.fill('available');
  await expect(playground.response.getByText(/^1 of \d+/)).toBeVisible();
  await playground.response.getByRole('button', { name: 'Next match', exact: true }).click();
  await search.fill('no-such-text-anywhere');
  await expect(playground.response.getByText('No matches', { exact: true })).toBeVisible();

  await playground.responseTab('Headers').click();
  await expect(playground.responseTab('Headers')).toHaveAttribute('aria-selected', 'true');
  await expect(playground.response.getByRole('table', { name: 'Response headers' })).toContainText('content-type');

  await playground.responseTab('Raw').click();
  await expect(playground.response.getByRole('region', { name: 'Raw response body', exact: true })).toContainText(
    '{"assets":',
  );

  await playground.responseTab('Request').click();
  await expect(playground.response.getByRole('tabpanel')).toContainText(marker);
});

test('a JSON body over 2 MB is shown as text until "Show formatted anyway" is clicked', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await useSandboxTestKey(request, baseURL ?? '');
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Sandbox');
  await playground.sendAndExpect({ method: 'GET', path: `/large?size=3000000&probe=${uniqueMarker('big')}` }, 200);

  await expect(playground.response).toContainText(/This body is [\d.]+ MB/);
  await expect(playground.response.getByRole('region', { name: 'Response body', exact: true })).toBeVisible();
  await expect(playground.response.getByRole('region', { name: 'Response body, formatted' })).toHaveCount(0);
  // Its IDs are still offered as variables, found off the main thread (the body is over 256 KB).
  await expect(page.getByRole('group', { name: 'Set as variable' })).toContainText('{{tx_id}} = tx-00000000');

  await playground.response.getByRole('button', { name: 'Show formatted anyway', exact: true }).click();
  const formatted = playground.response.getByRole('region', { name: 'Response body, formatted', exact: true });
  await expect(formatted).toBeVisible({ timeout: 30_000 });
  await expect(formatted).toContainText('"items"');
  // The page stays usable: the composer still takes typing.
  await playground.setPath('/balance');
  await expect(playground.path).toHaveValue('/balance');
});

test('an HTML error body is shown as text, never rendered or run', async ({ page, request, baseURL }) => {
  await useSandboxTestKey(request, baseURL ?? '');
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Sandbox');
  await playground.sendAndExpect({ method: 'GET', path: `/html?probe=${uniqueMarker('html')}` }, 502);
  await expect(playground.response).toContainText('502 Bad Gateway');
  await expect(playground.response).toContainText('This is HTML. It is shown as text and never rendered.');
  await expect(playground.response.getByRole('region', { name: 'Response body', exact: true })).toContainText(
    '<script>alert(1)</script>',
  );
  expect(await page.evaluate(() => (window as unknown as { __e2eInjected?: boolean }).__e2eInjected)).toBeUndefined();
  await expect(page).not.toHaveTitle('pwned');
});

test('a binary body is shown as a hex preview with a download', async ({ page, request, baseURL }) => {
  await useSandboxTestKey(request, baseURL ?? '');
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Sandbox');
  await playground.sendAndExpect({ method: 'GET', path: `/binary?probe=${uniqueMarker('bin')}` }, 200);
  await expect(playground.response).toContainText(
    /A binary body \(1 KB|A binary body \(1,024 B|A binary body \(1\.0 KB/,
  );
  await expect(playground.response.getByLabel('Hex preview', { exact: true })).toContainText('0b 30 55');
  const download = page.waitForEvent('download');
  await playground.response.getByRole('button', { name: 'Download response', exact: true }).click();
  expect((await download).suggestedFilename()).toMatch(/^response-200-.*\.bin$/);
});
