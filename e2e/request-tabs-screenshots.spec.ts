import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures/playground.ts';
import { PlaygroundPage, type ColorScheme } from './pages/playground-page.ts';
import { SaveDialogPage, WorkbenchPage } from './pages/workbench-page.ts';

// Screenshots of the workbench (tabs, collections, variables, an expansion marked in the string to
// sign), light and dark, wide, laptop and phone, for people to look at. Written to
// REQUEST_TABS_SHOTS_DIR or e2e/screenshots/ (git-ignored); the tests assert what each state shows, never pixels.

const DIR = process.env.REQUEST_TABS_SHOTS_DIR ?? 'e2e/screenshots';
const viewports = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
] as const;
const schemes: ColorScheme[] = ['light', 'dark'];

test.beforeAll(() => mkdirSync(DIR, { recursive: true }));

for (const viewport of viewports) {
  for (const scheme of schemes) {
    const size = `${viewport.width}x${viewport.height}`;

    test(`workbench at ${size}, ${scheme}`, async ({ page }) => {
      test.setTimeout(90_000);
      const shot = (state: string) =>
        page.screenshot({ path: path.join(DIR, `workbench-${state}-${size}-${scheme}.png`) });
      await page.setViewportSize(viewport);
      const playground = new PlaygroundPage(page);
      const workbench = new WorkbenchPage(page);
      await playground.open(scheme);
      await workbench.newTab.click();
      await playground.pickOperation('POST /transaction');
      await playground.send.click();
      await expect(playground.responseStatus(200)).toBeVisible();
      const setAsVariable = page.getByRole('group', { name: 'Set as variable', exact: true });
      const txButton = setAsVariable.getByRole('button', { name: /\{\{tx_id\}\} = / });
      // A new transaction has a new txID: never the variable's value yet.
      await txButton.click();
      await expect(txButton).toBeDisabled();
      await shot('set-as-variable');

      await workbench.newTab.click();
      await playground.pickOperation('GET /transactions/{tx_id}/status');
      await page.getByLabel('tx_id', { exact: true }).fill('{{tx_id}}');
      await expect(playground.path).toHaveValue('/transactions/{{tx_id}}/status');
      await page.getByRole('button', { name: 'Save to collection…', exact: true }).click();
      await new SaveDialogPage(page).save(`Status ${size} ${scheme}`, { new: `Flow ${size} ${scheme}` });
      await workbench.newTab.click();
      await playground.setPath('/balance');
      await workbench.tab(`Status ${size} ${scheme}`).click();
      await workbench.tablist.scrollIntoViewIfNeeded();
      await shot('tab-strip');
      const mark = playground.stringToSign.getByLabel(/expanded from \{\{tx_id\}\}/);
      await expect(mark).toHaveCount(1);
      await mark.scrollIntoViewIfNeeded();
      await mark.focus();
      await shot('tabs-and-expansion');
    });
  }
}

for (const viewport of viewports.filter((v) => v.width >= 768)) {
  for (const scheme of schemes) {
    const size = `${viewport.width}x${viewport.height}`;

    test(`sidebar panes at ${size}, ${scheme}`, async ({ page }) => {
      const shot = (state: string) =>
        page.screenshot({ path: path.join(DIR, `workbench-${state}-${size}-${scheme}.png`) });
      await page.setViewportSize(viewport);
      const playground = new PlaygroundPage(page);
      const workbench = new WorkbenchPage(page);
      await playground.open(scheme);
      await workbench.openSidebar('Collections');
      await expect(workbench.collections).toBeVisible();
      await shot('collections');
      await workbench.openSidebar('Variables');
      await expect(workbench.variables).toBeVisible();
      await shot('variables');
    });
  }
}
