import { expect, test } from './fixtures/playground.ts';
import { uniqueMarker } from './pages/playground-page.ts';
import { PartnerPage } from './pages/partner-page.ts';
import { SaveDialogPage, WorkbenchPage } from './pages/workbench-page.ts';

// A saved request keeps its API: a Partner API request saved to a collection opens again as a
// Partner API request, with its demo partner and its nonce, and is signed by the Partner API's scheme.

test('a Partner API request saved to a collection opens again as one and is signed as one', async ({ page }) => {
  const partner = new PartnerPage(page);
  const workbench = new WorkbenchPage(page);
  await partner.open();
  const marker = uniqueMarker('partnersaved');
  await partner.usePartnerApi();
  await partner.demoPartner.selectOption('partner-fresh');
  await partner.chooseRadio(partner.freshness, 'x-nonce');
  await expect(partner.nonce).toBeVisible();
  await page.getByRole('button', { name: 'Save to collection…', exact: true }).click();
  await new SaveDialogPage(page).save(`Assets ${marker}`, { new: `Partner ${marker}` });
  await workbench.expectSaved();

  // Closed, with the composer on Qredo API v1 in a tab of its own.
  await workbench.newTab.click();
  await partner.chooseRadio(partner.api, 'Qredo API');
  await expect(partner.api.getByRole('radio', { name: 'Qredo API', exact: true })).toBeChecked();
  await page.getByRole('button', { name: `Close tab Assets ${marker}`, exact: true }).click();
  await expect(workbench.tab(`Assets ${marker}`)).toHaveCount(0);

  await workbench.openSidebar('Collections');
  const saved = workbench.collections.getByRole('button', { name: new RegExp(`GET\\s*Assets ${marker}\\s*Partner`) });
  await expect(saved).toBeVisible();
  await saved.click();
  await expect(workbench.tab(`Assets ${marker}`)).toHaveAttribute('aria-selected', 'true');
  await expect(partner.api.getByRole('radio', { name: 'Partner API', exact: true })).toBeChecked();
  await expect(partner.demoPartner).toHaveValue('partner-fresh');
  await expect(partner.freshness.getByRole('radio', { name: 'x-nonce', exact: true })).toBeChecked();
  // Signed by the Partner API's scheme: a nonce, no method in the payload.
  await expect(partner.segments.first()).toContainText('Nonce');
  await expect(partner.stringToSign).toContainText('Fresh nonce on every send');
  await expect(partner.segments.filter({ hasText: 'Method' })).toHaveCount(0);
  await partner.send.click();
  await expect(partner.responseStatus(200)).toBeVisible();
});
