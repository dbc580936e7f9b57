import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// The upstream is the embedded mock, which verifies every signature: a 200 here proves the page, the
// signer and the relay agree with the Qredo v1 scheme end to end. Each test sends to its own path
// (a unique query) so it finds its own history entry whatever ran before it.

test('GET /balance composed by label is signed live, sent with the Send button and lands in history', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('send');
  const path = `/balance?probe=${marker}`;

  await playground.compose({ method: 'GET', path });

  await expect(playground.stringToSign).toContainText('GET');
  await expect(playground.stringToSign).toContainText('/qapi/v1/balance');
  await expect(playground.stringToSign).toContainText(marker);
  await expect(playground.historyEntry(marker)).toHaveCount(0);

  await playground.send.click();

  await expect(playground.responseStatus(200)).toBeVisible();
  await expect(playground.historyEntry(marker)).toHaveCount(1);
  await expect(playground.historyEntry(marker)).toContainText('200');
});

test('Ctrl+Enter sends the composed request', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('keys');

  await playground.compose({ method: 'GET', path: `/balance?probe=${marker}` });
  await expect(playground.stringToSign).toContainText(marker);
  await playground.path.press('Control+Enter');

  await expect(playground.responseStatus(200)).toBeVisible();
  await expect(playground.historyEntry(marker)).toHaveCount(1);
});
