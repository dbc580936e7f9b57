import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures/playground.ts';
import { PartnerPage } from './pages/partner-page.ts';
import type { ColorScheme } from './pages/playground-page.ts';
import { ViewSwitch } from './pages/support-pages.ts';

// The Partner API's screens, light and dark, on a desktop and a phone, for a person to look at: into
// SHOTS_DIR (default the git-ignored e2e/screenshots/), in a playground of this spec's own.

const DIR = process.env.SHOTS_DIR ?? 'e2e/screenshots';
const schemes: ColorScheme[] = ['light', 'dark'];
const sizes = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

test.beforeAll(() => mkdirSync(DIR, { recursive: true }));

for (const size of sizes) {
  for (const scheme of schemes) {
    test(`partner API on the mock and its keys, ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      const partner = new PartnerPage(page);
      await partner.open(scheme);
      await partner.usePartnerApi();
      await partner.pickOperation('POST /company');
      await partner.setBody(`{"name":"Screenshot ${size.name} ${scheme}","country":"CH"}`);
      await partner.send.click();
      await expect(partner.responseStatus(200)).toBeVisible();
      await page.screenshot({ path: `${DIR}/partner-${size.name}-${scheme}-1-mock.png` });
      await partner.chooseEnvironment('Sandbox');
      await partner.generateKeyPair.click();
      await expect(partner.publicKey).toHaveValue(/BEGIN PUBLIC KEY/);
      await page.screenshot({ path: `${DIR}/partner-${size.name}-${scheme}-2-keys.png` });
      await partner.importKey.fill(
        '-----BEGIN PRIVATE KEY-----\nMIIEvAIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
      );
      await partner.partnerBar('Sandbox').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${DIR}/partner-${size.name}-${scheme}-3-import.png`, fullPage: false });
    });
  }
}

for (const scheme of schemes) {
  test(`partner API walkthrough and doctor, desktop, ${scheme}`, async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const partner = new PartnerPage(page);
    await partner.open(scheme);
    await partner.usePartnerApi();
    await new ViewSwitch(page).go('Walkthrough');
    await expect(page.getByRole('list', { name: 'Signing steps' })).toBeVisible();
    await page.screenshot({ path: `${DIR}/partner-desktop-${scheme}-4-walkthrough.png` });
    await new ViewSwitch(page).go('Doctor');
    await page.getByRole('group', { name: 'Signed for' }).getByRole('radio', { name: 'Partner API (RSA)' }).check();
    await page.screenshot({ path: `${DIR}/partner-desktop-${scheme}-5-doctor.png` });
  });
}
