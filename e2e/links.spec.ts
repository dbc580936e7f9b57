import { readFileSync } from 'node:fs';

import { expect, test } from './fixtures/playground.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { DoctorPage, ImportedBundlePage, SharePanel } from './pages/support-pages.ts';

// Everything links: Diagnose from a history entry and from an imported bundle, New request from this and
// Export bundle from a diagnosis, and a bundle re-run that shows its response and links to the history
// entry it recorded. The upstream is this spec's own embedded mock.

test('Diagnose on a history entry opens the doctor with it; New request from this brings it back to send', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('diag');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
  await playground.historyButton(marker).click();
  await playground.entryAction('Diagnose').click();

  const doctor = new DoctorPage(page);
  await expect(page.getByText(/^Filled in from history #\d+\.$/)).toBeVisible();
  await expect(doctor.verdict).toContainText('Valid: the signature is right');

  // Export bundle: the request of that entry, redacted, as a file.
  const download = page.waitForEvent('download');
  await doctor.diagnosis.getByRole('button', { name: 'Export bundle', exact: true }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  expect(text).toContain(`/balance?probe=${marker}`);
  expect(JSON.parse(text)).toMatchObject({ entries: [{ request: { method: 'GET' } }] });

  await doctor.diagnosis.getByRole('button', { name: 'New request from this', exact: true }).click();
  await expect(playground.path).toHaveValue(`/balance?probe=${marker}`);
  await expect(playground.method).toHaveValue('GET');
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
  await expect(playground.historyEntry(marker)).toHaveCount(2);
});

test('a pasted capture with a lower-case method opens in the composer corrected', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('fix');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
  const url = (await playground.response.getByTitle(/^GET http/).getAttribute('title'))!.replace(/^GET /, '');

  const doctor = new DoctorPage(page);
  await doctor.open();
  await doctor.captured.fill(
    `curl -X get '${url}' -H 'qredo-api-key: k' -H 'qredo-api-ts: ${Math.floor(Date.now() / 1000)}' -H 'qredo-api-sig: AAAA'`,
  );
  await doctor.checkAgainst('Mock');
  await doctor.diagnose.click();
  await expect(doctor.verdict).toContainText('Not valid');
  await doctor.diagnosis.getByRole('button', { name: 'New request from this', exact: true }).click();
  await expect(playground.method).toHaveValue('GET');
  await expect(playground.path).toHaveValue(`/balance?probe=${marker}`);
});

test('an imported bundle can be diagnosed, and its re-run shows the response and links to its entry', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('bundle');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
  const share = new SharePanel(page);
  const download = page.waitForEvent('download');
  await share.exportBundle.click();
  const file = await (await download).path();
  await share.fileInput.setInputFiles(file);

  const imported = new ImportedBundlePage(page);
  await expect(imported.entry).toContainText(marker);
  await imported.entry.getByRole('button', { name: 'Diagnose', exact: true }).click();
  const doctor = new DoctorPage(page);
  await expect(page.getByText('Filled in from bundle entry 1.')).toBeVisible();
  await expect(doctor.verdict).toContainText('Valid: the signature is right');

  await page.goBack();
  await expect(imported.entry).toContainText(marker);
  await imported.rerunOn.selectOption('mock');
  await imported.rerun.click();
  await expect(imported.rerunResult).toContainText('200');
  await expect(imported.entry.getByLabel('Re-run response body')).toBeVisible();
  const link = imported.rerunResult.getByRole('link', { name: /^history #\d+$/ });
  const id = (await link.innerText()).replace('history #', '');
  await link.click();
  await expect(playground.response).toHaveAccessibleDescription(new RegExp(`^#${id} · GET /balance\\?probe=${marker}`));
  await expect(playground.responseStatus(200)).toBeVisible();
});
