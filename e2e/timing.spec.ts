import path from 'node:path';
import { expect, type Locator } from '@playwright/test';
import { historyPage, useSandboxTestKey } from './fixtures/api.ts';
import { ownPlaygroundTest as test, TEST_UPSTREAM } from './fixtures/own-playground.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';

// Where a send's time went: the Timing tab's waterfall, the history row's duration that opens it,
// two entries compared, and the progress and cancel of a long download. Sandbox is this spec's own
// test upstream (e2e/fixtures/test-upstream.ts), which can think slowly and trickle a large body.

test.use({ ownPlaygroundEnv: { PLAYGROUND_SANDBOX_BASE_URL: TEST_UPSTREAM } });

/** Screenshots to look at go outside the repository (as in workbench-screenshots.spec.ts). */
const shot = (name: string) => path.join(process.env.SHOTS_DIR ?? path.join('/tmp', 'shots-14'), name);

test.beforeEach(async ({ request, baseURL }) => {
  await useSandboxTestKey(request, baseURL ?? '');
});

/** "1.2 s", "850 ms", "0.4 ms" as milliseconds. */
function ms(text: string): number {
  const m = /([\d.,]+)\s*(ms|s)\b/.exec(text);
  if (!m) return -1;
  const n = Number(m[1]!.replace(/,/g, ''));
  return m[2] === 's' ? n * 1000 : n;
}

/** The duration cell of each phase row of a waterfall table, by phase label. */
async function durations(table: Locator): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const row of await table.getByRole('row').all()) {
    const header = row.getByRole('rowheader');
    if ((await header.count()) === 0) continue;
    const label = (await header.innerText()).replace(/\s*longest\s*$/, '').trim();
    const cells = row.getByRole('cell');
    out[label] = ms(await cells.nth(1).innerText());
  }
  return out;
}

test('a send to a slow upstream draws a waterfall whose longest bar is the server’s wait', async ({
  page,
  baseURL,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Sandbox');
  const marker = uniqueMarker('slow');
  await playground.sendAndExpect({ method: 'GET', path: `/slow?ms=900&probe=${marker}` }, 200);

  await playground.responseTab('Timing').click();
  const table = playground.response.getByRole('table', { name: 'Where the time went' });
  await expect(table).toBeVisible();
  const waiting = table.getByRole('row', { name: /Waiting \(server\)/ });
  await expect(waiting).toContainText('longest');
  const d = await durations(table);
  expect(Object.keys(d)).toEqual([
    'Socket',
    'DNS lookup',
    'TCP connect',
    'TLS handshake',
    'Request sent',
    'Waiting (server)',
    'Download',
  ]);
  // The upstream thought for 900 ms: that is where the time went, more than every other phase together.
  const wait = d['Waiting (server)']!;
  const others = Object.entries(d)
    .filter(([phase, value]) => phase !== 'Waiting (server)' && value > 0)
    .map(([, value]) => value);
  expect(wait).toBeGreaterThan(others.reduce((a, b) => a + b, 0));
  // Plain HTTP to an IP address: no TLS and no lookup, said in words.
  await expect(table.getByRole('row', { name: /TLS handshake/ })).toContainText('plain HTTP');
  await expect(table.getByRole('row', { name: /DNS lookup/ })).toContainText('an IP address');

  // The history row's duration opens the same waterfall for its entry.
  await playground.responseTab('Body').click();
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}b` }, 200);
  const [slow] = (await historyPage(page.request, baseURL ?? '', { q: `${marker}`, limit: 5 })).entries.filter((e) =>
    e.path.startsWith('/slow'),
  );
  expect(slow).toBeDefined();
  await playground.history.getByRole('link', { name: new RegExp(`^Timing of #${slow!.id}:`) }).click();
  await expect(playground.responseTab('Timing')).toHaveAttribute('aria-selected', 'true');
  await expect(playground.response).toContainText(`/slow?ms=900&probe=${marker}`);
  await expect(table.getByRole('row', { name: /Waiting \(server\)/ })).toContainText('longest');
  await page.screenshot({ path: shot('waterfall-1440-light.png') });
});

test('two history entries compared side by side, phase by phase', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Sandbox');
  const marker = uniqueMarker('cmp');
  await playground.sendAndExpect({ method: 'GET', path: `/slow?ms=300&probe=${marker}` }, 200);
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);

  await playground.historyButton(`/slow?ms=300&probe=${marker}`).click();
  await playground.entryAction('Compare…').click();
  await expect(page.getByText(/pick another entry in the history/).first()).toBeVisible();
  await playground.historyButton(`/balance?probe=${marker}`).click();
  const comparison = page.getByRole('region', { name: 'Comparison' });
  await expect(comparison).toBeVisible();
  await expect(comparison).toContainText(`/slow?ms=300&probe=${marker}`);
  await expect(comparison).toContainText(`/balance?probe=${marker}`);
  const table = comparison.getByRole('table');
  const waiting = table.getByRole('row', { name: /Waiting \(server\)/ });
  // The slow one waited at least 300 ms longer than the quick one: the difference says so.
  await expect(waiting).toContainText(/−\s*[\d.]+\s*(ms|s)/);
  await page.screenshot({ path: shot('compare-1440-light.png') });
  await comparison.getByRole('button', { name: 'Close comparison' }).click();
  await expect(comparison).toHaveCount(0);
});

test('a 20 MB download shows its progress, can be cancelled, and is recorded as cancelled', async ({
  page,
  baseURL,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Sandbox');
  const marker = uniqueMarker('trickle');
  // 20,000,000 bytes, 64 KiB every 25 ms: about eight seconds if nobody stops it.
  const path = `/trickle?size=20000000&everyMs=25&probe=${marker}`;
  await playground.compose({ method: 'GET', path });
  await expect(playground.stringToSign).toContainText('/trickle');
  await playground.send.click();

  const progress = playground.response.getByRole('region', { name: 'Send in progress' });
  await expect(progress).toBeVisible();
  const bar = progress.getByRole('progressbar', { name: 'Response received' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuemax', '20000000');
  await expect(bar).toHaveAttribute('aria-valuetext', /of 19\.1 MB \(\d+%\)/);
  await page.screenshot({ path: shot('progress-1440-light.png') });
  await progress.getByRole('button', { name: 'Cancel send' }).click();

  await expect(playground.response).toContainText('You cancelled the request');
  await expect(progress).toHaveCount(0);
  await expect(playground.historyEntry(marker)).toContainText('200cancelled');
  const { entries: items } = await historyPage(page.request, baseURL ?? '', { q: marker });
  expect(items).toHaveLength(1);
  // The status had arrived (200) before the body was stopped; the entry says both.
  expect(items[0]).toMatchObject({ path, status: 200, errorCode: 'cancelled' });
});

test('a 4 MiB request body shows how much of it went up while the upstream thinks', async ({ page }) => {
  test.setTimeout(90_000);
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Sandbox');
  const marker = uniqueMarker('upload');
  await playground.compose({ method: 'POST', path: `/slow?ms=2500&probe=${marker}` });
  await playground.pasteIntoBody('{"data":"' + 'x'.repeat(4 * 1024 * 1024 - 11) + '"}');
  await expect(playground.stringToSign).toContainText(/4,?194,?304\s*B/, { timeout: 60_000 });
  await playground.send.click();

  const progress = playground.response.getByRole('region', { name: 'Send in progress' });
  const bar = progress.getByRole('progressbar', { name: 'Request body sent' });
  await expect(bar).toHaveAttribute('aria-valuemax', '4194304');
  await expect(bar).toHaveAttribute('aria-valuetext', /4\.0 MB of 4\.0 MB \(100%\)/);
  await expect(progress).toContainText('Waiting for the upstream to answer');
  await expect(playground.responseStatus(200)).toBeVisible();
  await expect(progress).toHaveCount(0);
});
