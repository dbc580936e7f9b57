import { expect } from '@playwright/test';
import { ownPlaygroundTest as test } from './fixtures/own-playground.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { WorkbenchPage } from './pages/workbench-page.ts';

// The workbench: request tabs that survive a reload, saved requests in collections, files in and
// out, and variables that carry a value from one response into the next request's signed bytes.
// A playground of its own, so that its tabs, collections and variables start empty.

test('two tabs with different drafts come back after a reload', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  const workbench = new WorkbenchPage(page);
  await playground.open();
  const first = uniqueMarker('tabone');
  const second = uniqueMarker('tabtwo');
  await playground.setPath(`/balance?probe=${first}`);
  await workbench.newTab.click();
  await playground.compose({ method: 'POST', path: `/transaction?probe=${second}`, body: '{"probe":"two"}' });
  await expect(workbench.tab(/^POST \/transaction/)).toHaveAttribute('aria-selected', 'true');
  await workbench.expectSaved();

  await page.reload();
  await expect(playground.path).toHaveValue(`/transaction?probe=${second}`);
  await expect(workbench.tablist.getByRole('tab')).toHaveCount(2);
  await expect(playground.body).toContainText('{"probe":"two"}');
  await workbench.tab(/^GET \/balance/).click();
  await expect(playground.path).toHaveValue(`/balance?probe=${first}`);
  await expect(playground.method).toHaveValue('GET');
});
