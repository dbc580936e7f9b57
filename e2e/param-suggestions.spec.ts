import { expect, test } from './fixtures/playground.ts';
import { PlaygroundPage } from './pages/playground-page.ts';
import { WorkbenchPage } from './pages/workbench-page.ts';

// Path-parameter fields offer the IDs that the environment's recent responses named under the same
// name: the txID of a POST /transaction answer is offered in GET /transactions/{tx_id}/status.

test('the tx_id field offers the txID the last POST /transaction answered, and it signs as chosen', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await playground.open();
  await workbench.newTab.click();
  await playground.pickOperation('POST /transaction');
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
  const answer = playground.response.getByRole('tabpanel');
  const txId = /"txID": "([^"]+)"/.exec((await answer.textContent()) ?? '')?.[1] ?? '';
  expect(txId).not.toBe('');

  await workbench.newTab.click();
  await playground.pickOperation('GET /transactions/{tx_id}/status');
  const field = page.getByRole('combobox', { name: 'tx_id' });
  const listId = await field.getAttribute('list');
  expect(listId).not.toBeNull();
  const option = page.locator(`datalist[id="${listId}"] option`).first();
  await expect(option).toHaveAttribute('value', txId);
  await expect(option).toHaveAttribute('label', /^txID in #\d+ POST \/transaction$/);

  await field.fill(txId);
  await expect(playground.path).toHaveValue(`/transactions/${txId}/status`);
  await expect(playground.stringToSign).toContainText(`/transactions/${txId}/status`);
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
});
