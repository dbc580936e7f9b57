import { PlaygroundPage } from './pages/playground-page.ts';
import { CurlImportDialogPage } from './pages/support-pages.ts';
import { expect, test } from './fixtures/playground.ts';

test('a Chrome "copy as cURL" for /balance fills the composer and sends with 200', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const dialog = new CurlImportDialogPage(page);
  await dialog.open.click();
  await dialog.command.fill(`curl 'https://api.qredo.network/qapi/v1/balance?curl=1' \\
  -H 'accept: application/json' \\
  -H 'accept-language: en-GB,en;q=0.9' \\
  -H 'qredo-api-key: _lJCqc-T3cnNpw' \\
  -H 'qredo-api-ts: 1700000000' \\
  -H 'qredo-api-sig: not-the-real-one' \\
  -H 'sec-fetch-mode: cors' \\
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' \\
  --compressed`);
  // The URL is production's: the summary says so and selects it; this test sends it to the mock instead.
  await expect(dialog.summary).toContainText('api.qredo.network is');
  await expect(dialog.importInto.getByRole('radio', { name: 'Production', exact: true })).toBeChecked();
  await dialog.chooseEnvironment('Mock');
  await expect(dialog.importButton).toHaveText('Import into Mock');
  await dialog.importButton.click();
  await expect(dialog.dialog).toBeHidden();
  await expect(playground.environmentOption('Mock')).toBeChecked();
  await expect(playground.method).toHaveValue('GET');
  await expect(playground.path).toHaveValue('/balance?curl=1');
  await expect(playground.stringToSign).toContainText('curl=1');
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
});

test('@file and a foreign URL are refused with a message', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const dialog = new CurlImportDialogPage(page);
  await dialog.open.click();
  await dialog.command.fill(`curl -X POST https://api.qredo.network/qapi/v1/transaction --data-binary @tx.json`);
  await dialog.importButton.click();
  await expect(dialog.dialog.getByRole('alert')).toContainText('@');
  await dialog.command.fill(`curl https://example.com/balance`);
  await dialog.importButton.click();
  await expect(dialog.dialog.getByRole('alert')).toContainText('not under a Qredo v1 base');
  await expect(playground.path).toHaveValue('/balance');
});
