import { readFileSync } from 'node:fs';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { ImportedBundlePage, SharePanel } from './pages/support-pages.ts';
import { demoSecretForms } from '../test-support/mock-secrets.ts';
import { expect, test } from './fixtures/playground.ts';

test('export a sent request as a bundle, import the file, see it, verify it and re-run it', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('bundle');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);

  const share = new SharePanel(page);
  const download = page.waitForEvent('download');
  await share.exportBundle.click();
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ schema: 'qredo-playground-bundle', version: 1 });
  expect(text).toContain(marker);
  for (const secret of demoSecretForms()) expect(text).not.toContain(secret);

  const har = page.waitForEvent('download');
  await share.exportHar.click();
  const harText = readFileSync(await (await har).path(), 'utf8');
  expect(JSON.parse(harText).log.version).toBe('1.2');
  for (const secret of demoSecretForms()) expect(harText).not.toContain(secret);

  await share.fileInput.setInputFiles(file);
  const imported = new ImportedBundlePage(page);
  await expect(imported.heading).toBeVisible();
  await expect(page).toHaveURL(/#\/bundle$/);
  await expect(imported.entry).toContainText(marker);
  await expect(imported.entry.getByLabel('Bundle response status')).toContainText('200');

  await imported.verify.click();
  await expect(imported.verification).toContainText('Valid');

  await imported.rerun.click();
  await expect(imported.rerunResult).toContainText('200');
});

test('a #bundle= link opens the bundle; a damaged one says why', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('link');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await new SharePanel(page).copyLink.click();
  // The link is written to the clipboard once the bundle is made: wait for it rather than read at once.
  let link = '';
  await expect
    .poll(async () => (link = await page.evaluate(() => navigator.clipboard.readText())))
    .toContain('#bundle=');
  await page.goto(link);
  const imported = new ImportedBundlePage(page);
  await expect(imported.entry).toContainText(marker);

  await page.goto('/#bundle=%%%not-base64');
  await expect(page.getByRole('alert')).toContainText('Could not open the bundle');
});

test('a file that is not a bundle is refused plainly', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await new SharePanel(page).fileInput.setInputFiles({
    name: 'x.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"log":{"version":"1.2"}}'),
  });
  await expect(page.getByRole('region', { name: 'Share' }).getByRole('alert')).toContainText('HAR file');
});
