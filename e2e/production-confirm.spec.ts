import { readFileSync } from 'node:fs';
import { EXAMPLE_TRANSACTION_BODY } from '../core/catalogue.ts';
import { LAUNCH_TOKEN, useTestKey } from './fixtures/api.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { CurlImportDialogPage, ImportedBundlePage, SharePanel } from './pages/support-pages.ts';
import { expect, test, TEST_UPSTREAM } from './fixtures/playground.ts';

// Every way of sending to production (Send, Re-send, a bundle re-run, an imported
// request) goes through the same confirmation dialog, and no message speaks of wire fields. This spec
// has a playground of its own whose production is a local test upstream with a test key, so that a
// confirmed request really goes out (and comes back 200) without leaving the machine.

test.use({ playgroundEnv: { PLAYGROUND_PRODUCTION_BASE_URL: TEST_UPSTREAM } });

test.beforeEach(async ({ request, baseURL }) => {
  await useTestKey(request, baseURL ?? '', 'production', 'e2e-production-key');
});

const confirmTitle = 'Send POST to production?';

test('4. Re-send of a production POST asks the same confirmation as Send; Cancel sends nothing', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Production');
  const marker = uniqueMarker('prodresend');
  await playground.compose({ method: 'POST', path: `/transaction?probe=${marker}`, body: EXAMPLE_TRANSACTION_BODY });
  await playground.send.click();
  const confirm = playground.dialog(confirmTitle);
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Send to production', exact: true }).click();
  await expect(playground.responseStatus(200)).toBeVisible();
  await expect(playground.response).toHaveAccessibleDescription(/· Production · key e2e-production-key ·/);
  await expect(playground.historyEntry(marker)).toHaveCount(1);

  await playground.historyButton(marker).click();
  await playground.entryAction('Re-send').click();
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(/Re-send of history #\d+, signed again now\./);
  await expect(confirm).toContainText(`/qapi/v1/transaction?probe=${marker}`);
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(playground.announcer).toHaveText('Send to production cancelled.');
  await expect(playground.historyEntry(marker)).toHaveCount(1);

  await playground.entryAction('Re-send').click();
  await confirm.getByRole('button', { name: 'Send to production', exact: true }).click();
  await expect(playground.historyEntry(marker)).toHaveCount(2);
  await expect(playground.response).toHaveAccessibleDescription(/· Production · key e2e-production-key · re-send ·/);
  await expect(playground.responseStatus(200)).toBeVisible();
  // Nothing on the page tells a person about wire fields.
  await expect(page.getByText(/"confirm"|must carry/)).toHaveCount(0);
});

test('4. a bundle re-run on production and an imported production request ask the same question', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('prodrerun');
  await playground.sendAndExpect(
    { method: 'POST', path: `/transaction?probe=${marker}`, body: EXAMPLE_TRANSACTION_BODY },
    200,
  );
  const share = new SharePanel(page);
  const download = page.waitForEvent('download');
  await share.exportBundle.click();
  const file = await (await download).path();
  expect(readFileSync(file, 'utf8')).toContain(marker);
  await share.fileInput.setInputFiles(file);

  const imported = new ImportedBundlePage(page);
  await expect(imported.entry).toContainText(marker);
  await imported.rerunOn.selectOption('production');
  await imported.rerun.click();
  const confirm = playground.dialog(confirmTitle);
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('Re-run of bundle entry 1, signed again now.');
  await confirm.getByRole('button', { name: 'Send to production', exact: true }).click();
  await expect(imported.rerunResult).toContainText('200');

  // A cURL command for the production base URL lands in Production, and Send asks before it goes.
  await page.goto('/');
  await expect(playground.send).toBeVisible();
  const session = await page.request.get('/api/session', { headers: { authorization: `Bearer ${LAUNCH_TOKEN}` } });
  const baseUrl = (await session.json()).environments.find((e: { name: string }) => e.name === 'production')
    .baseUrl as string;
  const curl = new CurlImportDialogPage(page);
  await curl.open.click();
  await curl.command.fill(`curl -X POST '${baseUrl}/transaction?probe=${marker}-curl' --data-raw '{"value":"1"}'`);
  await expect(curl.summary).toContainText(
    "is the playground's Production base URL, so the request goes into Production.",
  );
  await curl.importButton.click();
  await expect(playground.environmentOption('Production')).toBeChecked();
  await expect(playground.productionBanner).toBeVisible();
  await playground.send.click();
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Send to production', exact: true }).click();
  await expect(playground.responseStatus(200)).toBeVisible();
  await expect(playground.historyEntry(`${marker}-curl`)).toHaveCount(1);
});
