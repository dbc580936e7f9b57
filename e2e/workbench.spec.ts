import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures/playground.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { SaveDialogPage, WorkbenchPage } from './pages/workbench-page.ts';

// The workbench: request tabs that survive a reload, saved requests in collections, files in and
// out, and variables that carry a value from one response into the next request's signed bytes.
// A playground of its own, so that its tabs, collections and variables start empty.

test('two tabs with different drafts come back after a reload', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await playground.open();
  const first = uniqueMarker('tabone');
  const second = uniqueMarker('tabtwo');
  // Tabs left open by other tests of this playground stay; these two are told apart by their paths.
  await workbench.newTab.click();
  await playground.setPath(`/balance/${first}`);
  await workbench.newTab.click();
  await playground.compose({ method: 'POST', path: `/transaction/${second}`, body: '{"probe":"two"}' });
  await expect(workbench.tab(`POST /transaction/${second}`)).toHaveAttribute('aria-selected', 'true');
  await workbench.expectSaved();

  await page.reload();
  await expect(playground.path).toHaveValue(`/transaction/${second}`);
  await expect(workbench.tab(`POST /transaction/${second}`)).toHaveAttribute('aria-selected', 'true');
  await expect(playground.body).toContainText('{"probe":"two"}');
  await workbench.tab(`GET /balance/${first}`).click();
  await expect(playground.path).toHaveValue(`/balance/${first}`);
  await expect(playground.method).toHaveValue('GET');
});

test('a tab saved to a collection is found by name, by method and path, and opens again in a tab', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await playground.open();
  const marker = uniqueMarker('saved');
  await workbench.newTab.click();
  await playground.setPath(`/balance?probe=${marker}`);
  await page.getByRole('button', { name: 'Save to collection…', exact: true }).click();
  await new SaveDialogPage(page).save(`Balance ${marker}`, { new: `Reads ${marker}` });
  await expect(workbench.tab(`Balance ${marker}`)).toHaveAttribute('aria-selected', 'true');

  await workbench.openSidebar('Collections');
  const search = workbench.collections.getByRole('searchbox', { name: 'Search saved requests', exact: true });
  const results = workbench.collections.getByRole('list', { name: 'Search results', exact: true });
  await search.fill(marker);
  await expect(results.getByRole('button', { name: new RegExp(`Balance ${marker}`) })).toBeVisible();
  await search.fill(`get /balance?probe=${marker}`);
  await expect(results.getByRole('button', { name: new RegExp(`Balance ${marker}`) })).toBeVisible();
  await search.fill(`post ${marker}`);
  await expect(workbench.collections.getByRole('status').filter({ hasText: '0 saved request(s) match' })).toBeVisible();

  // Closed, it opens again from the collection in a tab of its own.
  await page.getByRole('button', { name: `Close tab Balance ${marker}`, exact: true }).click();
  await expect(workbench.tab(`Balance ${marker}`)).toHaveCount(0);
  await search.fill('');
  await workbench.collections.getByRole('button', { name: new RegExp(`GET\\s*Balance ${marker}`) }).click();
  await expect(workbench.tab(`Balance ${marker}`)).toHaveAttribute('aria-selected', 'true');
  await expect(playground.path).toHaveValue(`/balance?probe=${marker}`);
});

test('a .http file with three requests, file variables and an env file is imported through the page', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await playground.open();
  await workbench.openSidebar('Collections');
  const http = [
    '@asset = ETH',
    '',
    '### Balances',
    'GET {{host}}/balance',
    '',
    '###',
    '# @name Funds',
    'GET {{host}}/funds?asset={{asset}}',
    'Qredo-Api-Key: dropped-by-the-importer',
    '',
    '###',
    '# @name Transfer',
    'POST {{host}}/transaction',
    'Content-Type: application/json',
    '',
    '{',
    '  "asset": "{{asset}}"',
    '}',
  ].join('\n');
  const env = JSON.stringify({ sandbox: { host: 'https://sandbox-api.qredo.network/qapi/v1' } });
  await workbench.collections.getByLabel('Import file', { exact: true }).setInputFiles([
    { name: 'flows.http', mimeType: 'text/plain', buffer: Buffer.from(http) },
    { name: 'http-client.env.json', mimeType: 'application/json', buffer: Buffer.from(env) },
  ]);
  const outcome = workbench.collections.getByRole('status').filter({ hasText: 'Imported 3 request(s)' });
  await expect(outcome).toBeVisible();
  // File variables stay references, kept as the collection's variables; the signature header is dropped with a note.
  await expect(outcome).toContainText('GET /funds?asset={{asset}} — Funds');
  await expect(outcome).toContainText(/Left out header Qredo-Api-Key/);
  await workbench.collections.getByRole('button', { name: /GET\s*Funds/ }).click();
  await expect(workbench.tab('Funds')).toHaveAttribute('aria-selected', 'true');
  await expect(playground.path).toHaveValue('/funds?asset={{asset}}');
  await workbench.openSidebar('Variables');
  const collectionVariables = workbench.variables.getByRole('form', { name: 'Variables of the collection flows' });
  await expect(collectionVariables.getByRole('textbox', { name: 'Name 1' })).toHaveValue('asset');
  await expect(collectionVariables.getByRole('textbox', { name: 'Value 1' })).toHaveValue('ETH');
  await workbench.openSidebar('Collections');

  // A file that is not one of the three formats is refused with the reason, and nothing is imported.
  await workbench.collections
    .getByLabel('Import file', { exact: true })
    .setInputFiles([
      { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"not": "a collection"') },
    ]);
  await expect(workbench.collections.getByRole('alert')).toContainText('Could not import broken.json');
});

test('POST /transaction, its txID set as a variable in one click, then a saved GET status signs the expanded txID', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await playground.open();
  // A new tab composes for the mock, whatever tab other tests left active.
  await workbench.newTab.click();
  await playground.pickOperation('POST /transaction');
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
  const setAsVariable = page.getByRole('group', { name: 'Set as variable', exact: true });
  const txButton = setAsVariable.getByRole('button', { name: /\{\{tx_id\}\} = / });
  await txButton.click();
  await expect(txButton).toBeDisabled();
  const txId = ((await txButton.textContent()) ?? '').replace(/^.*= /, '').replace(/…$/, '');

  // An undefined variable stops Send, said at the field.
  await workbench.newTab.click();
  await playground.setPath('/transactions/{{no_such_id}}/status');
  await playground.send.click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Not sent: a variable could not be expanded.' }),
  ).toBeVisible();
  await expect(playground.path).toHaveAccessibleDescription(/\{\{no_such_id\}\} is not defined/);

  await playground.setPath('/transactions/{{tx_id}}/status');
  await page.getByRole('button', { name: 'Save to collection…', exact: true }).click();
  await new SaveDialogPage(page).save('Transaction status', { new: 'Transaction flow' });
  await expect(workbench.tab('Transaction status')).toBeVisible();
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
  const mark = playground.stringToSign.getByLabel(/expanded from \{\{tx_id\}\} from environment mock/);
  await expect(mark).toHaveCount(1);
  await expect(mark).toContainText(txId.slice(0, 12));
  await expect(playground.historyEntry(`/transactions/${txId.slice(0, 12)}`).first()).toBeVisible();

  // After a reload the tab comes back, expanded as soon as the variables are read, without a keystroke.
  await workbench.expectSaved();
  await page.reload();
  await expect(workbench.tab('Transaction status')).toHaveAttribute('aria-selected', 'true');
  await expect(playground.stringToSign.getByLabel(/expanded from \{\{tx_id\}\}/)).toHaveCount(1);
});

test('a collection exported as each format imports again with its requests', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await playground.open();
  const marker = uniqueMarker('trip');
  await workbench.newTab.click();
  await playground.compose({ method: 'POST', path: `/transaction?probe=${marker}`, body: '{"asset":"{{asset}}"}' });
  await page.getByRole('button', { name: 'Save to collection…', exact: true }).click();
  await new SaveDialogPage(page).save(`Transfer ${marker}`, { new: `Trip ${marker}` });
  await workbench.openSidebar('Collections');
  await workbench.collections
    .getByRole('button', { name: `Actions for collection Trip ${marker}`, exact: true })
    .click();
  const actions = workbench.collections.getByRole('group', { name: `Collection Trip ${marker}`, exact: true });
  for (const format of ['Playground JSON', '.http', 'Postman v2.1']) {
    await actions.getByRole('combobox', { name: `Export format for Trip ${marker}` }).selectOption({ label: format });
    const download = page.waitForEvent('download');
    await actions.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await download;
    const text = await readFile(await file.path(), 'utf8');
    await workbench.collections
      .getByLabel('Import file', { exact: true })
      .setInputFiles([{ name: file.suggestedFilename(), mimeType: 'text/plain', buffer: Buffer.from(text) }]);
    const outcome = workbench.collections.getByRole('status').filter({ hasText: 'Imported 1 request(s)' });
    await expect(outcome).toContainText(`POST /transaction?probe=${marker}`);
  }
});

test('a capture rule on a saved POST /transaction sets tx_id after each send and says so', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await playground.open();
  await workbench.newTab.click();
  await playground.pickOperation('POST /transaction');
  const name = `Create ${uniqueMarker('cap')}`;
  await page.getByRole('button', { name: 'Save to collection…', exact: true }).click();
  await new SaveDialogPage(page).save(name, { new: `Captures ${name}` });

  await workbench.openSidebar('Variables');
  const rules = workbench.variables.getByRole('form', { name: `Capture rules of ${name}` });
  await rules.getByRole('button', { name: 'Add variable', exact: true }).click();
  await rules.getByRole('textbox', { name: 'Variable 1', exact: true }).fill('tx_id');
  await rules.getByRole('textbox', { name: 'JSON path 1', exact: true }).fill('$.txID');
  await rules.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(rules.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();

  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
  // The note under the response (the page's announcer says the same).
  const note = page
    .getByRole('status')
    .filter({ hasText: /^Captured from #\d+: \{\{tx_id\}\} = / })
    .first();
  await expect(note).toBeVisible();
  const txId = ((await note.textContent()) ?? '').replace(/^.*= /, '');
  const envVariables = workbench.variables.getByRole('form', { name: 'Variables of mock' });
  await expect(envVariables.getByRole('textbox', { name: 'Name 1' })).toHaveValue('tx_id');
  await expect(envVariables.getByRole('textbox', { name: 'Value 1' })).toHaveValue(txId);
});
