import { type Locator } from '@playwright/test';
import { EXAMPLE_TRANSACTION_BODY, OPERATIONS } from '../core/catalogue.ts';
import { PlaygroundPage } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// The composer: the catalogue grouped Read-only and Web3, parameters validated, method and path
// free to edit, and a JSON body editor that never rewrites what was typed unless asked.

/** The text the Endpoint select shows (the selected option's label). */
async function shownOperation(select: Locator): Promise<string> {
  return select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
}

test('the Endpoint picker lists the 11 operations in the Read-only and Web3 groups', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  // 11 operations plus "Custom request".
  await expect(playground.endpoint.getByRole('option')).toHaveCount(12);
  // Chromium does not expose <optgroup> as a role inside a <select>: read the groups' labels instead.
  const groups = await playground.endpoint.evaluate((el) =>
    Array.from(el.querySelectorAll('optgroup'), (g) => [g.label, g.querySelectorAll('option').length] as const),
  );
  expect(groups).toEqual([
    ['Read-only', OPERATIONS.filter((o) => o.group === 'Read-only').length],
    ['Web3', OPERATIONS.filter((o) => o.group === 'Web3').length],
  ]);
  expect(OPERATIONS).toHaveLength(11);
});

test('picking an operation of each group fills method and path; the description follows', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();

  await playground.pickOperation('GET /account');
  await expect(playground.method).toHaveValue('GET');
  await expect(playground.path).toHaveValue('/account');

  await playground.pickOperation('POST /transaction');
  await expect(playground.method).toHaveValue('POST');
  await expect(playground.path).toHaveValue('/transaction');
  await expect(playground.endpoint).toHaveAccessibleDescription(/Web3/);
  // The example body arrives with POST /transaction when the editor is empty.
  await expect(playground.body).toContainText('"chainID"');
  await expect(playground.stringToSign).toContainText('/qapi/v1/transaction');

  await playground.pickOperation('GET /funds');
  await expect(playground.method).toHaveValue('GET');
  await expect(playground.path).toHaveValue('/funds');
  const archived = page.getByRole('combobox', { name: 'archived', exact: true });
  await archived.selectOption('true');
  await expect(playground.path).toHaveValue('/funds?archived=true');
});

test('the Endpoint picker follows hand edits: "Custom request" once method and path match no operation', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickOperation('GET /balance');
  expect(await shownOperation(playground.endpoint)).toMatch(/^GET \/balance/);

  await playground.setPath('/balance?probe=1');
  expect(await shownOperation(playground.endpoint)).toMatch(/^GET \/balance/);

  await playground.setPath('/not-in-the-catalogue');
  await expect(playground.endpoint).toHaveValue('');
  expect(await shownOperation(playground.endpoint)).toBe('Custom request');

  await playground.setMethod('POST');
  await playground.setPath('/transaction');
  expect(await shownOperation(playground.endpoint)).toMatch(/^POST \/transaction/);

  await playground.setMethod('DELETE');
  expect(await shownOperation(playground.endpoint)).toBe('Custom request');
  // Method and path stay exactly as typed.
  await expect(playground.method).toHaveValue('DELETE');
  await expect(playground.path).toHaveValue('/transaction');
});

test('a path parameter is required and may not contain "/"; its value fills the path', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.pickOperation('GET /transactions/{tx_id}/status');
  await expect(playground.path).toHaveValue('/transactions/{tx_id}/status');
  const txId = playground.param('tx_id');
  await expect(txId).toBeVisible();

  await playground.send.click();
  await expect(page.getByText('tx_id is required')).toBeVisible();
  await expect(txId).toHaveAttribute('aria-invalid', 'true');

  await txId.fill('a/b');
  await playground.send.click();
  await expect(page.getByText('tx_id must not contain "/"')).toBeVisible();

  await txId.fill('tx123');
  await expect(playground.path).toHaveValue('/transactions/tx123/status');
  await expect(page.getByText('tx_id must not contain "/"')).toHaveCount(0);
});

test('the body is never rewritten while typing; Format and Minify change it only when clicked', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.compose({ method: 'POST', path: '/transaction' });
  const format = page.getByRole('button', { name: 'Format', exact: true });
  const minify = page.getByRole('button', { name: 'Minify', exact: true });

  const typed = '{"b" :  2,   "a":[1,2]}';
  await playground.setBody(typed);
  await expect(playground.body).toHaveText(typed);
  await expect(page.getByText('Valid JSON', { exact: true })).toBeVisible();
  // The signed body is exactly the typed text (spaces shown as ·).
  await expect(playground.stringToSign).toContainText('{"b"·:··2,···"a":[1,2]}');
  // Other edits re-render the composer and re-sign; the body stays as typed.
  await playground.setPath('/transaction?again=1');
  await expect(playground.stringToSign).toContainText('again=1');
  await expect(playground.body).toHaveText(typed);

  await format.click();
  await expect(playground.body).not.toHaveText(typed);
  expect(await playground.body.innerText()).toContain('\n  "b": 2,');

  await minify.click();
  await expect(playground.body).toHaveText('{"b":2,"a":[1,2]}');

  // Invalid JSON: a status says where, the text stays as typed, and Format is not offered.
  const broken = '{"a": 1,}';
  await playground.setBody(broken);
  await expect(playground.body).toHaveText(broken);
  await expect(page.getByText(/^Line 1, column \d+/)).toBeVisible();
  await expect(format).toBeDisabled();
  await expect(minify).toBeDisabled();

  // The example body for POST /transaction is there when asked for (an empty editor).
  await playground.setBody('');
  await playground.pickOperation('POST /transaction');
  await expect(playground.body).toContainText(EXAMPLE_TRANSACTION_BODY.split('\n')[1]?.trim() ?? '"');
});
