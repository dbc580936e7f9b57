import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { FULL_KEY } from '../test-support/mock-secrets.ts';
import { mockBaseUrl } from './fixtures/api.ts';
import { expect, test } from './fixtures/playground.ts';
import { PlaygroundPage, uniqueMarker, type ColorScheme } from './pages/playground-page.ts';
import { DoctorPage, ImportedBundlePage, SharePanel, ViewSwitch } from './pages/support-pages.ts';
import { SaveDialogPage, WorkbenchPage } from './pages/workbench-page.ts';

// Requests that come from elsewhere than the composer: the doctor's corrected request and an
// imported bundle's entry, each with the same two actions as a history entry: "New request from
// this" (a new composer tab, signed again there) and "Save to collection…" (the same dialog).

const dir = process.env.SHOTS_DIR ?? path.join(tmpdir(), 'playground-shots');

/** A refused capture: lower-case method, a signature that is not the request's. */
async function diagnoseRefusedPost(page: PlaygroundPage['page'], url: string, body: string): Promise<DoctorPage> {
  const doctor = new DoctorPage(page);
  await doctor.open();
  await doctor.captured.fill(
    [
      `curl -X post '${url}' \\`,
      `  -H 'qredo-api-key: ${FULL_KEY.keyId}' \\`,
      `  -H 'qredo-api-ts: ${Math.floor(Date.now() / 1000)}' \\`,
      `  -H 'qredo-api-sig: AAAA' \\`,
      `  -H 'Content-Type: application/json' \\`,
      `  --data-raw '${body}'`,
    ].join('\n'),
  );
  await doctor.checkAgainst('Mock');
  await doctor.diagnose.click();
  await expect(doctor.verdict).toContainText('Not valid');
  return doctor;
}

/** Sends a POST with a body, exports it as a bundle and imports the file: the Imported bundle view. */
async function importedPost(page: PlaygroundPage['page'], marker: string, body: string): Promise<ImportedBundlePage> {
  const playground = new PlaygroundPage(page);
  const path = `/transaction?probe=${marker}`;
  await playground.compose({ method: 'POST', path, body });
  await playground.send.click();
  // Whatever the mock answers, the exchange is recorded and shown: that is what a bundle holds.
  await expect(playground.historyEntry(marker)).toHaveCount(1);
  await expect(playground.response).toHaveAccessibleDescription(new RegExp(`POST /transaction\\?probe=${marker}`));
  const share = new SharePanel(page);
  const download = page.waitForEvent('download');
  await share.exportBundle.click();
  await share.fileInput.setInputFiles(await (await download).path());
  const imported = new ImportedBundlePage(page);
  await expect(imported.entry).toContainText(path);
  return imported;
}

/**
 * The request is in a tab of its own beside the one that was open, in the Playground, with its
 * method, path and body, and signed again there: its bytes in the string to sign.
 */
async function expectOpenedInNewTab(page: PlaygroundPage['page'], marker: string, body: string): Promise<void> {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await expect(new ViewSwitch(page).link('Playground')).toHaveAttribute('aria-current', 'page');
  await expect(workbench.tablist.getByRole('tab')).toHaveCount(2);
  await expect(workbench.tablist.getByRole('tab', { selected: true })).toHaveAccessibleName('POST /transaction');
  await expect(playground.method).toHaveValue('POST');
  await expect(playground.path).toHaveValue(`/transaction?probe=${marker}`);
  await expect(playground.body).toContainText(body);
  await expect(playground.stringToSign).toContainText(`POST`);
  await expect(playground.stringToSign).toContainText(`/qapi/v1/transaction?probe=${marker}`);
  await expect(playground.stringToSign).toContainText(body);
}

test('the doctor’s corrected request opens in a new tab, method corrected, path and body as captured, signed there', async ({
  page,
  request,
}) => {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await playground.open();
  await expect(workbench.tablist.getByRole('tab')).toHaveCount(1);
  const marker = uniqueMarker('docnew');
  const body = `{"asset":"ETH","note":"${marker}"}`;
  const doctor = await diagnoseRefusedPost(page, `${await mockBaseUrl(request)}/transaction?probe=${marker}`, body);

  await doctor.newRequest.click();
  await expectOpenedInNewTab(page, marker, body);
  await expect(playground.signature).toContainText(`POST http://127.0.0.1`);
  await expect(playground.signature.getByRole('button', { name: 'Copy qredo-api-sig', exact: true })).toBeVisible();
  await expect(playground.signature).not.toContainText('AAAA');
});

test('Save to collection… from the doctor saves the corrected request; it is found in the Collections panel', async ({
  page,
  request,
}) => {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await playground.open();
  const marker = uniqueMarker('docsave');
  const body = `{"asset":"BTC","note":"${marker}"}`;
  const doctor = await diagnoseRefusedPost(page, `${await mockBaseUrl(request)}/transaction?probe=${marker}`, body);

  await doctor.saveToCollection.click();
  const dialog = new SaveDialogPage(page);
  await expect(dialog.dialog.getByRole('textbox', { name: 'Request name', exact: true })).toHaveValue(
    `POST /transaction`,
  );
  await dialog.save(`Fixed ${marker}`, { new: `Doctor ${marker}` });
  await expect(
    doctor.diagnosis.getByRole('status').filter({ hasText: `Saved the corrected request as “Fixed ${marker}”.` }),
  ).toBeVisible();
  // The doctor stays on screen; the request waits in the collection.
  await expect(doctor.diagnosis).toBeVisible();

  await new ViewSwitch(page).go('Playground');
  await workbench.openSidebar('Collections');
  const saved = workbench.collections.getByRole('button', { name: new RegExp(`POST\\s*Fixed ${marker}`) });
  await expect(saved).toBeVisible();
  await saved.click();
  await expect(workbench.tab(`Fixed ${marker}`)).toHaveAttribute('aria-selected', 'true');
  await expect(playground.method).toHaveValue('POST');
  await expect(playground.path).toHaveValue(`/transaction?probe=${marker}`);
  await expect(playground.body).toContainText(body);
});

test('an imported bundle’s request opens in a new tab with its method, path and body, signed again there', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('bunnew');
  const body = `{"asset":"ETH","note":"${marker}"}`;
  const imported = await importedPost(page, marker, body);

  await imported.rerunOn.selectOption('mock');
  await imported.newRequest.click();
  await expectOpenedInNewTab(page, marker, body);
  await expect(playground.signature.getByRole('button', { name: 'Copy qredo-api-sig', exact: true })).toBeVisible();
  // Signed again at send time, not the bundle's timestamp.
  await expect(playground.stringToSign).toContainText('Timestamp at send time');
});

test('Save to collection… on an imported bundle’s entry saves its request; it is found in the Collections panel', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await playground.open();
  const marker = uniqueMarker('bunsave');
  const body = `{"asset":"BTC","note":"${marker}"}`;
  const imported = await importedPost(page, marker, body);

  await imported.saveToCollection.click();
  await new SaveDialogPage(page).save(`From bundle ${marker}`, { new: `Bundles ${marker}` });
  await expect(
    imported.entry.getByRole('status').filter({ hasText: `Saved the request as “From bundle ${marker}”.` }),
  ).toBeVisible();

  await new ViewSwitch(page).go('Playground');
  await workbench.openSidebar('Collections');
  const saved = workbench.collections.getByRole('button', { name: new RegExp(`POST\\s*From bundle ${marker}`) });
  await expect(saved).toBeVisible();
  await saved.click();
  await expect(playground.path).toHaveValue(`/transaction?probe=${marker}`);
  await expect(playground.body).toContainText(body);
});

for (const scheme of ['light', 'dark'] as ColorScheme[])
  test(`screenshot 1440×900 ${scheme}: the two actions in the doctor and on a bundle entry`, async ({
    page,
    request,
  }) => {
    mkdirSync(dir, { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    const playground = new PlaygroundPage(page);
    await playground.open(scheme);
    const marker = uniqueMarker('shot');
    const body = `{"asset":"ETH","note":"${marker}"}`;
    const doctor = await diagnoseRefusedPost(page, `${await mockBaseUrl(request)}/transaction?probe=${marker}`, body);
    await doctor.newRequest.scrollIntoViewIfNeeded();
    await expect(doctor.saveToCollection).toBeVisible();
    await page.screenshot({ path: path.join(dir, `workbench-sources-doctor-${scheme}.png`) });
    // The same Save to collection dialog as for a tab, over the doctor.
    await doctor.saveToCollection.click();
    const dialog = new SaveDialogPage(page).dialog;
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: path.join(dir, `workbench-sources-doctor-save-${scheme}.png`) });
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(doctor.saveToCollection).toBeFocused();

    await new ViewSwitch(page).go('Playground');
    const imported = await importedPost(page, marker, body);
    await imported.newRequest.scrollIntoViewIfNeeded();
    await expect(imported.saveToCollection).toBeEnabled();
    await page.screenshot({ path: path.join(dir, `workbench-sources-bundle-${scheme}.png`) });
  });
