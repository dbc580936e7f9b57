import { historyPage } from './fixtures/api.ts';
import { ensureHistoryEntries } from './fixtures/history-seed.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// The history: a virtualised history of 10,000 entries, searchable; a selected entry shows its
// request as sent and its response; load, re-send, replay exact (confirmed), delete, clear all
// (confirmed). Each test finds its own entries by a unique query string.

test('a history of 10,000 entries scrolls to its last entry', async ({ page, request, baseURL, specPlayground }) => {
  // This spec's own data folder: at least 10,000 entries, whatever the other tests here sent or cleared.
  const total = ensureHistoryEntries(specPlayground.dataDir, 10_000);
  expect(total).toBeGreaterThanOrEqual(10_000);
  const oldest = (await historyPage(request, baseURL ?? '', { offset: total - 1, limit: 1 })).entries[0];
  expect(oldest).toBeDefined();

  const playground = new PlaygroundPage(page);
  await playground.open();
  await expect(playground.history).toContainText(`${total.toLocaleString('en')} requests`);
  const list = playground.history.getByRole('list', { name: 'Sent requests', exact: true });
  // Virtualised: only the rows on screen (and a few more) are in the page.
  expect(await list.getByRole('listitem').count()).toBeLessThan(100);
  await expect(playground.historyEntry(oldest!.path)).toHaveCount(0);

  // Scroll with the wheel for a while: rows keep being rendered, then jump to the end with End.
  await list.hover();
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 3000);
  await expect(list.getByRole('listitem').first()).toBeVisible();
  await list.getByRole('button').first().focus();
  await page.keyboard.press('End');
  const last = playground.historyEntry(oldest!.path);
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-posinset', String(total));
  await expect(last.getByRole('button')).toBeFocused();
});

test('the search box filters the history by text', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('find');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
  await playground.sendAndExpect({ method: 'GET', path: `/account?probe=${marker}` }, 200);

  await playground.historySearch.fill(marker);
  await expect(playground.history).toContainText('2 requests found');
  await expect(playground.history.getByRole('listitem')).toHaveCount(2);
  await playground.historySearch.fill(`account?probe=${marker}`);
  await expect(playground.history.getByRole('listitem')).toHaveCount(1);
  await expect(playground.historyEntry(`/account?probe=${marker}`)).toHaveCount(1);
  await playground.historySearch.fill(`${marker}-nothing`);
  await expect(playground.history).toContainText('No requests match');
});

test('selecting an entry shows its string to sign as sent and its response; Load puts it in the composer', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('pick');
  const path = `/balance?probe=${marker}`;
  await playground.pinTimestamp('1700000000');
  await playground.setPath(path);
  await playground.send.click();
  // The mock refuses the old pinned timestamp: that entry is the one to come back to.
  await expect(playground.responseStatus(401)).toBeVisible();

  await page.reload();
  await expect(playground.send).toBeVisible();
  // The draft survives the reload in its tab; the response does not.
  await expect(playground.path).toHaveValue(path);
  await expect(playground.response).toContainText('Send a request, or pick one from the history');
  await playground.setPath('/balance');

  await playground.historyButton(marker).click();
  await expect(playground.stringToSign.getByRole('button', { name: /^As sent \(#\d+\)$/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(playground.stringToSign).toContainText(`1700000000GET`);
  await expect(playground.stringToSign).toContainText(marker);
  await expect(playground.responseStatus(401)).toBeVisible();
  await expect(playground.response).toContainText('timestamp expired');

  await playground.entryAction('Load into composer').click();
  await expect(playground.path).toHaveValue(path);
  await expect(playground.method).toHaveValue('GET');
});

test('Re-send signs again, Replay exact asks first and sends the same bytes, Delete removes the entry', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('again');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
  await playground.historySearch.fill(marker);
  await expect(playground.historyEntry(marker)).toHaveCount(1);

  await playground.historyButton(marker).click();
  await playground.entryAction('Re-send').click();
  await expect(playground.historyEntry(marker)).toHaveCount(2);
  await expect(playground.historyEntry(marker).filter({ hasText: 're-send' })).toHaveCount(1);
  await expect(playground.responseStatus(200)).toBeVisible();

  await playground.entryAction('Replay exact').click();
  const replay = playground.dialog('Replay the exact request?');
  await expect(replay).toBeVisible();
  await replay.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(replay).toHaveCount(0);
  await expect(playground.historyEntry(marker)).toHaveCount(2);

  await playground.entryAction('Replay exact').click();
  await replay.getByRole('button', { name: 'Replay now', exact: true }).click();
  await expect(playground.historyEntry(marker)).toHaveCount(3);
  await expect(playground.historyEntry(marker).filter({ hasText: 'replay' })).toHaveCount(1);
  await expect(playground.announcer).toContainText('Replayed GET');

  const before = await playground.historyEntry(marker).count();
  await playground.entryAction('Delete').click();
  await expect(playground.historyEntry(marker)).toHaveCount(before - 1);
});

test('Clear history asks first; Cancel keeps everything, confirming empties it', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('clear');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
  await expect(playground.historyEntry(marker)).toHaveCount(1);

  const clear = playground.history.getByRole('button', { name: 'Clear history', exact: true });
  const dialog = playground.dialog('Clear the whole history?');
  await clear.click();
  await expect(dialog).toContainText('This cannot be undone.');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(playground.historyEntry(marker)).toHaveCount(1);

  await clear.click();
  await dialog.getByRole('button', { name: 'Clear all history', exact: true }).click();
  await expect(playground.history).toContainText('No requests yet. Send one and it appears here.');
  await expect(playground.historyEntry(marker)).toHaveCount(0);
});
