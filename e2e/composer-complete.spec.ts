import { execFileSync } from 'node:child_process';
import type { Locator } from '@playwright/test';
import { EXAMPLE_TRANSACTION_BODY } from '../core/catalogue.ts';
import { HEADER_SIGNATURE } from '../core/signing/signature.ts';
import { historyPage } from './fixtures/api.ts';
import { expect, test } from './fixtures/playground.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';

// The composer complete: added headers sent exactly as typed, query rows kept in step with the path,
// a history entry copied as cURL that the mock still accepts, the layout that shows body, string to
// sign and signature together, and history search tokens. The upstream is this spec's own embedded mock.

/** A part tab of the composer ("Body", "Query", "Headers", with a count once it has rows). */
function partTab(playground: PlaygroundPage, name: 'Body' | 'Query' | 'Headers'): Locator {
  return playground.page
    .getByRole('tablist', { name: 'Request parts' })
    .getByRole('tab', { name: new RegExp(`^${name}( \\(\\d+\\))?`) });
}

test('a header added in the editor arrives exactly as typed; a refused one says why', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('hdr');
  await playground.setPath(`/balance?probe=${marker}`);
  await partTab(playground, 'Headers').click();
  await page.getByRole('button', { name: 'Add header', exact: true }).click();
  await page.getByRole('textbox', { name: 'Header 1 name' }).fill('X-Trace-Id');
  await page.getByRole('textbox', { name: 'Header 1 value' }).fill('trace  42;v=1');
  await expect(page.getByText('not signed').first()).toBeVisible();
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();

  // The history entry's request is the request as the relay wrote it.
  await playground.historyButton(marker).click();
  await playground.responseTab('Request').click();
  const sent = playground.response.getByRole('table').first();
  await expect(sent.getByRole('row', { name: /X-Trace-Id/i })).toContainText('trace  42;v=1');

  // Host is the relay's to write; the message says so at the field, and nothing is sent.
  await page.getByRole('button', { name: 'Add header', exact: true }).click();
  await page.getByRole('textbox', { name: 'Header 2 name' }).fill('Host');
  await page.getByRole('textbox', { name: 'Header 2 value' }).fill('evil.example');
  await playground.send.click();
  await expect(page.getByText(/Host is written by the relay .* cannot be set by hand\./)).toBeVisible();
  await expect(playground.historyEntry(marker)).toHaveCount(1);
  await page.getByRole('button', { name: 'Remove header 2' }).click();
  await page.getByRole('button', { name: 'Add header', exact: true }).click();
  await page.getByRole('textbox', { name: 'Header 2 name' }).fill(HEADER_SIGNATURE);
  await expect(
    page.getByText(`${HEADER_SIGNATURE} is computed by the playground on every send`, { exact: false }),
  ).toBeVisible();
});

test('query rows and the path stay in step, both ways, keeping what was typed', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.setPath('/transactions?status=pending&from=1700000000');
  await partTab(playground, 'Query').click();
  await expect(page.getByRole('textbox', { name: 'Query parameter 1 name' })).toHaveValue('status');
  await expect(page.getByRole('textbox', { name: 'Query parameter 2 value' })).toHaveValue('1700000000');

  await page.getByRole('textbox', { name: 'Query parameter 1 value' }).fill('confirmed');
  await expect(playground.path).toHaveValue('/transactions?status=confirmed&from=1700000000');

  await page.getByRole('button', { name: 'Add query parameter' }).click();
  await page.getByRole('textbox', { name: 'Query parameter 3 name' }).fill('note');
  await page.getByRole('textbox', { name: 'Query parameter 3 value' }).fill('a b');
  await expect(playground.path).toHaveValue('/transactions?status=confirmed&from=1700000000&note=a%20b');
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /encoded/i })
      .first(),
  ).toBeVisible();

  // And back: the path edited by hand, exactly as typed (%2C stays %2C).
  await playground.setPath('/transactions?from=5&tags=a%2Cb');
  await expect(page.getByRole('textbox', { name: 'Query parameter 1 name' })).toHaveValue('from');
  await expect(page.getByRole('textbox', { name: 'Query parameter 2 value' })).toHaveValue('a%2Cb');
  await expect(page.getByRole('textbox', { name: 'Query parameter 3 name' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove query parameter 1 (from)' }).click();
  await expect(playground.path).toHaveValue('/transactions?tags=a%2Cb');
});

test('a history entry copied as cURL is the exact request: the mock answers it 200 inside the window', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('curl');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
  await playground.historyButton(marker).click();
  await expect(playground.selectedRequest).toContainText(/valid only|inside|window/i);
  await playground.entryAction('Copy as cURL').click();
  await expect(playground.selectedRequest.getByRole('status').filter({ hasText: 'as cURL' })).toBeVisible();
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toContain(`/balance?probe=${marker}`);
  expect(command).toContain(`${HEADER_SIGNATURE}: `);
  // The demo key's secret never leaves: only its id, the timestamp and the signature.
  expect(command).not.toMatch(/secret/i);

  // Run it as a person would paste it into a shell.
  const answer = execFileSync('bash', ['-c', command], { encoding: 'utf8', timeout: 15_000 });
  expect(answer.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 200\b/);
});

test('at 1440×900 the body editor, the string to sign and the signature are all in view together', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickOperation('POST /transaction');
  await expect(playground.stringToSign).toContainText('/transaction');
  // Measured once the body's text area has given way to the code editor (not while one replaces the other).
  await playground.waitForCodeEditor();
  const viewport = { width: 1440, height: 900 };
  for (const region of [playground.body, playground.stringToSign, playground.signature, playground.send]) {
    const box = await region.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    // At least the top of each (its first lines) shows without scrolling.
    expect(box!.y + Math.min(box!.height, 60)).toBeLessThanOrEqual(viewport.height);
  }
  // The body and the signature sit side by side, not stacked in one column.
  const body = (await playground.body.boundingBox())!;
  const signature = (await playground.signature.boundingBox())!;
  expect(signature.x).toBeGreaterThanOrEqual(body.x + body.width - 1);
  const size = await playground.pageOverflows();
  expect(size.height).toBeLessThanOrEqual(size.innerHeight);
});

test('at 1024×768 Send and the response are in view together; at 390 px the history is a drawer', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('narrow');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
  await expect(playground.send).toBeInViewport();
  await expect(playground.responseStatus(200)).toBeInViewport();

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(playground.send).toBeVisible();
  // Nothing sticks out sideways on a phone: the environment switcher fits whole.
  const size = await playground.pageOverflows();
  expect(size.width).toBeLessThanOrEqual(size.innerWidth);
  await expect(playground.environment).toBeInViewport({ ratio: 1 });
  await expect(playground.history).toBeHidden();
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'History drawer' })).toBeVisible();
  await expect(playground.historyEntry(marker)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(playground.history).toBeHidden();
});

test('search "status:403 method:POST" finds exactly the refused POSTs', async ({ page, baseURL }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('srch');
  // The balance-only demo key is refused (403) everywhere but GET /balance.
  await playground.demoKey.selectOption('balance-only');
  await playground.sendAndExpect(
    { method: 'POST', path: `/transaction?probe=${marker}`, body: EXAMPLE_TRANSACTION_BODY },
    403,
  );
  await playground.sendAndExpect({ method: 'GET', path: `/funds?probe=${marker}`, body: '' }, 403);
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}`, body: '' }, 200);
  await playground.demoKey.selectOption('full');
  await playground.sendAndExpect(
    { method: 'POST', path: `/transaction?probe=${marker}x`, body: EXAMPLE_TRANSACTION_BODY },
    200,
  );
  await playground.sendAndExpect(
    { method: 'POST', path: `/transaction?probe=${marker}`, body: EXAMPLE_TRANSACTION_BODY },
    200,
  );
  await playground.demoKey.selectOption('balance-only');
  await playground.sendAndExpect(
    { method: 'POST', path: `/transaction?probe=${marker}y`, body: EXAMPLE_TRANSACTION_BODY },
    403,
  );

  await playground.historySearch.fill(`status:403 method:POST ${marker}`);
  const rows = playground.history.getByRole('list', { name: 'Sent requests' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: `/transaction?probe=${marker}y` })).toHaveCount(1);
  await expect(rows.filter({ hasText: `/transaction?probe=${marker}403` })).toHaveCount(1);
  // The server agrees, entry by entry.
  const { entries } = await historyPage(page.request, baseURL ?? '', { q: `status:403 method:POST ${marker}` });
  expect(entries.map((e) => [e.method, e.status])).toEqual([
    ['POST', 403],
    ['POST', 403],
  ]);
});

test('balances read in whole units beside the base units; Raw is the body as received, and long lines wrap', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${uniqueMarker('units')}` }, 200);
  const body = playground.response.getByRole('region', { name: 'Response body, formatted' });
  // "total": 791606057 beside "scale": 100000000 reads 7.91606057 BTC-TESTNET.
  await expect(body.getByText(/^= \d+(\.\d+)? BTC-TESTNET$/).first()).toBeVisible();

  await playground.responseTab('Raw').click();
  const raw = playground.response.getByRole('region', { name: 'Raw response body' });
  await expect(raw).toContainText('"scale":100000000');
  await expect(raw).not.toContainText('= ');
  const wrap = playground.response.getByRole('button', { name: 'Wrap lines' });
  await expect(wrap).toHaveAttribute('aria-pressed', 'false');
  const sideways = () => raw.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  expect(await sideways()).toBe(true);
  await wrap.click();
  await expect(wrap).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(sideways).toBe(false);
  // One choice for Body and Raw.
  await playground.responseTab('Body').click();
  await expect(playground.response.getByRole('button', { name: 'Wrap lines' })).toHaveAttribute('aria-pressed', 'true');
});
