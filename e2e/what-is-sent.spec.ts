import { expect, test } from '@playwright/test';
import { EXAMPLE_TRANSACTION_BODY } from '../core/catalogue.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';

// Issue 11: what the page shows is what is sent. One test per item of "What to build"; item 4 (every
// way of sending to production asks the same question) is in production-confirm.spec.ts, which needs a
// playground whose production points at a local upstream.

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
