import { EXAMPLE_TRANSACTION_BODY } from '../core/catalogue.ts';
import { PlaygroundPage } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// The "Done when" walk-through, as a new user would do it with only the README: GET /balance,
// POST /transaction with the example body, GET /transactions/{id}/status for the txID it returned,
// reload, and all three are in history with their responses.

test('new user: balance, a transaction, its status, reload, all three in history', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();

  await playground.pickOperation('GET /balance');
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
  const balanceId = await shownEntryId(playground);

  await playground.pickOperation('POST /transaction');
  await expect(playground.body).toContainText('"chainID"');
  await expect(playground.stringToSign).toContainText('/qapi/v1/transaction');
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
  const raw = playground.response.getByRole('region', { name: 'Response body, formatted', exact: true });
  await expect(raw).toContainText('"txID"');
  const txId = /"txID":\s*"([^"]+)"/.exec(await raw.innerText())?.[1];
  expect(txId).toBeTruthy();
  const transactionId = await shownEntryId(playground, balanceId);

  await playground.pickOperation('GET /transactions/{tx_id}/status');
  await playground.param('tx_id').fill(txId!);
  await expect(playground.path).toHaveValue(`/transactions/${txId}/status`);
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
  await expect(playground.response).toContainText('"status"');
  const statusId = await shownEntryId(playground, transactionId);

  await page.reload();
  await expect(playground.send).toBeVisible();
  for (const [id, text, expected] of [
    [balanceId, 'GET /balance', '"assets"'],
    [transactionId, 'POST /transaction', txId!],
    [statusId, `GET /transactions/${txId}/status`, '"status"'],
  ] as const) {
    const row = playground.history.getByRole('button', { name: new RegExp(`^${escape(text)}.* 200 mock`) }).first();
    await row.click();
    await expect(playground.selectedRequest).toContainText(`#${id} `);
    await expect(playground.responseStatus(200)).toBeVisible();
    await expect(playground.response).toContainText(expected);
  }
  // EXAMPLE_TRANSACTION_BODY went out byte for byte: the entry's request shows it.
  await playground.history
    .getByRole('button', { name: /^POST \/transaction 200 mock/ })
    .first()
    .click();
  await playground.responseTab('Request').click();
  await expect(playground.response.getByRole('tabpanel')).toContainText('"note": "playground test"');
  expect(EXAMPLE_TRANSACTION_BODY).toContain('"note": "playground test"');
});

/**
 * The id of the entry the Response region shows, from the "As sent (#id)" button, once it is newer
 * than `after` (the previous send's): a 200 already on screen must not be read as the new one's.
 */
async function shownEntryId(playground: PlaygroundPage, after = 0): Promise<number> {
  const button = playground.stringToSign.getByRole('button', { name: /^As sent \(#\d+\)$/ });
  let id = 0;
  await expect
    .poll(async () => {
      id = Number(/#(\d+)/.exec((await button.textContent()) ?? '')?.[1] ?? 0);
      return id > after;
    })
    .toBe(true);
  return id;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
