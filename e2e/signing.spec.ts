import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../core/signing/index.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// The signing panel: the string to sign follows the typing; whitespace and non-ASCII are visible; a
// hex view; the body hash; the three headers with copy buttons; at-send-time or pinned timestamps.

test('the string to sign follows the typed path, method and body as the person types', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('live');

  await playground.path.fill('');
  await playground.path.pressSequentially(`/balance?typed=${marker}`, { delay: 10 });
  await expect(playground.stringToSign).toContainText(`/qapi/v1/balance?typed=${marker}`);
  await expect(playground.stringToSign).toContainText('Timestamp at send time');
  await expect(playground.signature).toContainText(`GET http://127.0.0.1`);

  await playground.setMethod('POST');
  await playground.setBody('{"note":"é"}');
  await expect(playground.stringToSign).toContainText('POST');
  await expect(playground.stringToSign).toContainText('{"note":"é"}');
  // Segment byte counts: "é" is two bytes in UTF-8, so the 12-character body is 13 bytes.
  await expect(playground.stringToSign.getByRole('list', { name: 'Segments' })).toContainText('13 B');
  await expect(playground.signature).toContainText('Body SHA-256');
});

test('spaces, tabs, CR and LF in the body are made visible', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.compose({ method: 'POST', path: '/transaction' });
  // Typed: a space and a tab. A CR cannot be typed into a browser editor (Enter gives LF); it arrives
  // by pasting text with Windows line endings, which the editor keeps byte for byte.
  await playground.setBody('{"a": 1,\t"b": 2}');
  await playground.pasteIntoBody('\r\n');
  await expect(playground.stringToSign).toContainText('{"a":·1,→"b":·2}␍␊');
  await expect(playground.stringToSign.getByRole('list', { name: 'Segments' })).toContainText('18 B');
});

test('the hex view shows the bytes of the string to sign', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.compose({ method: 'GET', path: '/balance' });
  const hex = playground.stringToSign.getByRole('button', { name: 'Hex', exact: true });
  await expect(hex).toHaveAttribute('aria-pressed', 'false');
  await hex.click();
  await expect(hex).toHaveAttribute('aria-pressed', 'true');
  // "GET" is 47 45 54 in hex.
  await expect(playground.stringToSign).toContainText(/47 45 54/);
  await hex.click();
  await expect(playground.stringToSign).toContainText('/qapi/v1/balance');
});

test('the three headers are shown with a copy button each, plus the signature and body hash', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  for (const name of [HEADER_KEY, HEADER_TIMESTAMP, HEADER_SIGNATURE, 'signature', 'body SHA-256']) {
    await expect(playground.signature.getByRole('button', { name: `Copy ${name}`, exact: true })).toBeVisible();
  }
});

test('a pinned timestamp in seconds or nanoseconds is what the string to sign starts with', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.compose({ method: 'GET', path: '/balance' });

  await playground.pinTimestamp('1700000000', 'Seconds');
  await expect(playground.stringToSign).toContainText('Pinned timestamp');
  await expect(playground.stringToSign).toContainText('1700000000GET');
  await expect(playground.signature).toContainText('1700000000');

  await playground.chooseRadio(playground.timestampUnit, 'Nanoseconds');
  await expect(playground.pinnedTimestamp).toHaveValue('1700000000000000000');
  await expect(playground.stringToSign).toContainText('1700000000000000000GET');

  await playground.pinnedTimestamp.fill('12ab');
  await expect(page.getByText('The timestamp must be 1 to 20 digits')).toBeVisible();

  await playground.chooseRadio(playground.timestampMode, 'At send time');
  await expect(playground.stringToSign).toContainText('Timestamp at send time');
});
