import { type Locator } from '@playwright/test';
import { EXAMPLE_TRANSACTION_BODY } from '../core/catalogue.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { CurlImportDialogPage } from './pages/support-pages.ts';
import { expect, test } from './fixtures/playground.ts';

// What the page shows is what is sent. The tests are numbered; number 4 (every way of sending to
// production asks the same question) is in production-confirm.spec.ts, which needs a playground whose
// production points at a local upstream.

const exampleBytes = new TextEncoder().encode(EXAMPLE_TRANSACTION_BODY).length;

test('1. a body left from POST /transaction is set aside for GET status, never sent, and restorable', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickOperation('POST /transaction');
  await expect(playground.body).toContainText('"chainID"');

  await playground.pickOperation('GET /transactions/{tx_id}/status');
  await expect(playground.body).toHaveText('');
  await expect(playground.body).toHaveAccessibleDescription(/No body/);
  await expect(page.getByText(`Body set aside (${exampleBytes} B)`)).toBeVisible();
  const marker = uniqueMarker('aside');
  await playground.param('tx_id').fill(marker);
  await expect(playground.stringToSign).toContainText(marker);
  await playground.send.click();
  await expect(playground.responseStatus(404)).toBeVisible();

  // The history entry's request, as the relay wrote it: no body, no content-type.
  await playground.historyButton(marker).click();
  await playground.responseTab('Request').click();
  await expect(playground.response.getByRole('heading', { name: 'Body as sent' })).toBeVisible();
  await expect(playground.response).toContainText('No body.');
  await expect(playground.response.getByRole('table', { name: 'Request headers as sent' })).not.toContainText(
    'content-type',
  );

  // One click brings it back: then the page says, in three places, that a GET body is signed and sent.
  await playground.restoreBody.click();
  await expect(playground.body).toContainText('"chainID"');
  await playground.stringToSign.getByRole('button', { name: 'Live preview', exact: true }).click();
  const warning = `GET with a ${exampleBytes} B body: it is signed and sent`;
  await expect(playground.body).toHaveAccessibleDescription(new RegExp(warning));
  await expect(playground.send).toHaveAccessibleDescription(`${warning}.`);
  await expect(playground.stringToSign).toContainText(`Body segment: ${warning}.`);

  // Whitespace is a body too: counted, never "No body".
  await playground.setBodyAside.click();
  await expect(playground.body).toHaveText('');
  await playground.setBody('    ');
  await expect(playground.body).toHaveAccessibleDescription(/Whitespace-only body \(4 B\)/);
  await expect(playground.send).toHaveAccessibleDescription(
    'GET with a 4 B whitespace-only body: it is signed and sent.',
  );
});

/** The product of the opacities from an element up to the page: below 1 when the element is dimmed. */
async function shownOpacity(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    let opacity = 1;
    for (let node: Element | null = el; node; node = node.parentElement)
      opacity *= Number(getComputedStyle(node).opacity);
    return opacity;
  });
}

test('2. the response panel names its request, and says so when the composer has moved on', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('shown');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
  await expect(playground.response).toHaveAccessibleDescription(
    new RegExp(`^#\\d+ · GET /balance\\?probe=${marker} · Mock · key full · `),
  );
  await expect(playground.response).not.toContainText('not the current request');
  const body = playground.response.getByRole('tabpanel');
  expect(await shownOpacity(body)).toBe(1);

  // Under the production banner, the mock's answer is marked and dimmed.
  await playground.chooseEnvironment('Production');
  await expect(playground.productionBanner).toBeVisible();
  await expect(playground.response).toContainText(/#\d+ · Mock — not the current request/);
  await expect(playground.response).toContainText('The composer is on Production.');
  await expect(playground.response).toHaveAccessibleDescription(/Not the current request\.$/);
  await expect.poll(() => shownOpacity(body)).toBeLessThan(0.7);

  // Back on Mock it is current again; another operation makes it not current.
  await playground.chooseEnvironment('Mock');
  await expect(playground.response).not.toContainText('not the current request');
  await expect.poll(() => shownOpacity(body)).toBe(1);
  await playground.pickOperation('GET /account');
  await expect(playground.response).toContainText('The composer now holds GET /account.');
});

test('3. Load into composer restores environment, demo key and timestamp; rows show key and duration', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const forbidden = uniqueMarker('ro');
  await playground.demoKey.selectOption('read-only');
  await playground.sendAndExpect(
    { method: 'POST', path: `/transaction?probe=${forbidden}`, body: EXAMPLE_TRANSACTION_BODY },
    403,
  );
  const pinned = uniqueMarker('pin');
  await playground.demoKey.selectOption('empty-org');
  await playground.pinTimestamp('1700000000');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${pinned}`, body: '' }, 401);

  // The composer moves on: another key, send-time timestamps, another request.
  await playground.demoKey.selectOption('full');
  await playground.chooseRadio(playground.timestampMode, 'At send time');
  await playground.pickOperation('GET /account');

  // Each row says which key signed it and how long it took.
  await expect(playground.historyButton(forbidden)).toHaveAccessibleName(
    new RegExp(`^POST /transaction\\?probe=${forbidden} 403 mock key read-only \\d+(\\.\\d+)? m?s `),
  );
  await expect(playground.historyEntry(forbidden)).toContainText('read-only');

  await playground.historyButton(forbidden).click();
  await playground.entryAction('Load into composer').click();
  await expect(playground.demoKey).toHaveValue('read-only');
  await expect(playground.environmentOption('Mock')).toBeChecked();
  await expect(playground.method).toHaveValue('POST');
  await expect(playground.path).toHaveValue(`/transaction?probe=${forbidden}`);
  await expect(playground.body).toContainText('"chainID"');
  await expect(playground.timestampMode.getByRole('radio', { name: 'At send time', exact: true })).toBeChecked();
  await expect(playground.announcer).toContainText('demo key read-only, timestamp at send time');
  // Sent again as loaded, it is refused again: the key came back with the request. (The loaded
  // entry's 403 is on screen already: wait for the send itself to be done.)
  await playground.send.click();
  await expect(playground.announcer).toContainText(`Sent POST /transaction?probe=${forbidden}`);
  await expect(playground.responseStatus(403)).toBeVisible();

  await playground.historyButton(pinned).click();
  await playground.entryAction('Load into composer').click();
  await expect(playground.demoKey).toHaveValue('empty-org');
  await expect(playground.timestampMode.getByRole('radio', { name: 'Pinned', exact: true })).toBeChecked();
  await expect(playground.pinnedTimestamp).toHaveValue('1700000000');
});

test('5. cURL import says what it keeps, drops and why, and which environment the host is', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const dialog = new CurlImportDialogPage(page);
  const marker = uniqueMarker('curl');

  await dialog.open.click();
  await dialog.command.fill(
    `curl -X POST 'https://sandbox-api.qredo.network/qapi/v1/transaction?probe=${marker}' -H 'X-Request-Id: 42' -H 'Content-Type: application/json' -H 'qredo-api-sig: old' --data-raw '{"a":1}'`,
  );
  await expect(dialog.summary).toContainText(
    "sandbox-api.qredo.network is Qredo's public sandbox API, so the request goes into Sandbox.",
  );
  await expect(dialog.importInto.getByRole('radio', { name: 'Sandbox', exact: true })).toBeChecked();
  await expect(dialog.kept).toContainText('Method POST');
  await expect(dialog.kept).toContainText(`Path /transaction?probe=${marker}`);
  await expect(dialog.kept).toContainText('Body: 7 B, byte for byte as pasted');
  await expect(dialog.kept).toContainText('Content-Type: application/json');
  // A custom header goes into the composer's Headers, sent as pasted and not signed.
  await expect(dialog.kept.getByRole('listitem').filter({ hasText: 'X-Request-Id: 42' })).toContainText(
    'into Headers: sent as pasted, not signed',
  );
  await expect(dialog.dropped.getByRole('listitem').filter({ hasText: 'qredo-api-sig: old' })).toContainText(
    'signed again by the playground',
  );
  await dialog.importButton.click();
  await expect(dialog.dialog).toBeHidden();
  await expect(playground.environmentOption('Sandbox')).toBeChecked();
  await expect(playground.path).toHaveValue(`/transaction?probe=${marker}`);
  await expect(playground.announcer).toContainText(
    'into Sandbox. 2 headers go into Headers, sent as pasted. Not sent: qredo-api-sig',
  );

  // An unknown host is named; its path goes where the person says.
  await dialog.open.click();
  await dialog.command.fill(`curl http://10.0.0.7:9000/qapi/v1/account?probe=${marker}`);
  await expect(dialog.summary).toContainText("10.0.0.7:9000 is not one of the playground's environments");
  await expect(dialog.importButton).toHaveText('Import');
  await dialog.importButton.click();
  await expect(dialog.dialog.getByRole('alert')).toContainText('Choose the environment');
  await dialog.chooseEnvironment('Mock');
  await dialog.importButton.click();
  await expect(dialog.dialog).toBeHidden();
  await expect(playground.environmentOption('Mock')).toBeChecked();
  await expect(playground.path).toHaveValue(`/account?probe=${marker}`);
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
});

test('6. path problems are shown at the Path field, fixed in one click; a placeholder blocks Send', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  // Typed by hand: the Endpoint follows, and the placeholder is no value for fund_id.
  await playground.setPath('/funds/{fund_id}');
  await expect(playground.endpoint).toHaveValue('get-fund');
  await expect(playground.param('fund_id')).toHaveValue('');

  await playground.send.click();
  const placeholder = 'The path still has the placeholder {fund_id}: fill in fund_id below.';
  await expect(playground.path).toHaveAttribute('aria-invalid', 'true');
  await expect(playground.path).toHaveAccessibleDescription(placeholder);
  await expect(playground.announcer).toHaveText('Some fields need attention before sending.');
  await expect(playground.response).toContainText('Send a request, or pick one from the history');

  await page.getByRole('button', { name: 'Fill in fund_id', exact: true }).click();
  await expect(playground.param('fund_id')).toBeFocused();
  const marker = uniqueMarker('fund');
  await page.keyboard.type(marker);
  await expect(playground.path).toHaveValue(`/funds/${marker}`);
  await expect(playground.path).not.toHaveAttribute('aria-invalid', 'true');

  // A space and a non-ASCII character, each percent-encoded in one click.
  await playground.setPath(`/funds/${marker} 2`);
  await expect(playground.path).toHaveAttribute('aria-invalid', 'true');
  await expect(playground.path).toHaveAccessibleDescription(/contains a space at position/);
  await page.getByRole('button', { name: 'Percent-encode it', exact: true }).click();
  await expect(playground.path).toHaveValue(`/funds/${marker}%202`);
  await expect(playground.path).not.toHaveAttribute('aria-invalid', 'true');

  await playground.setPath(`/funds/${marker}é`);
  await expect(playground.path).toHaveAccessibleDescription(/contains the character U\+00E9/);
  await page.getByRole('button', { name: 'Percent-encode it', exact: true }).click();
  await expect(playground.path).toHaveValue(`/funds/${marker}%C3%A9`);

  await playground.send.click();
  await expect(playground.responseStatus(404)).toBeVisible();
  await expect(playground.historyEntry(`/funds/${marker}%C3%A9`)).toHaveCount(1);
});

test('9. a skip link reaches the composer first; the body editor’s escape key is in the shortcuts', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await page.keyboard.press('Tab');
  await expect(playground.skipToComposer).toBeFocused();
  await expect(playground.skipToComposer).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(playground.endpoint).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(playground.method).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(playground.path).toBeFocused();

  // Landmarks: the banner, then the main content, then the history (shown on the left, read after).
  const order = await page.evaluate(
    ([main, history]) => Boolean(main!.compareDocumentPosition(history!) & Node.DOCUMENT_POSITION_FOLLOWING),
    [await page.getByRole('main').elementHandle(), await playground.history.elementHandle()],
  );
  expect(order).toBe(true);

  // Tab indents inside the body editor; Esc, then Tab, leaves it.
  await playground.body.click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(playground.body).not.toBeFocused();

  await playground.shortcutsButton.click();
  const help = playground.dialog('Keyboard shortcuts');
  await expect(help.getByRole('row', { name: /Leave the body editor/ })).toContainText('EscTab');
  await expect(help).toContainText('press Esc first, then Tab');
});
