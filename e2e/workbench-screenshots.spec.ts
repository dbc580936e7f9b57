import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { ownPlaygroundTest as test } from './fixtures/own-playground.ts';
import { PlaygroundPage, uniqueMarker, type ColorScheme } from './pages/playground-page.ts';

// Screenshots of the workbench after a send, light and dark, at the sizes people use, to look at:
// written outside the repository (SHOTS_DIR, default a folder under the system's temporary folder).

const dir = process.env.SHOTS_DIR ?? path.join('/tmp', 'shots-14');

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];

for (const viewport of VIEWPORTS)
  for (const scheme of ['light', 'dark'] as ColorScheme[])
    test(`screenshot ${viewport.width}×${viewport.height} ${scheme}`, async ({ page }) => {
      mkdirSync(dir, { recursive: true });
      await page.setViewportSize(viewport);
      const playground = new PlaygroundPage(page);
      await playground.open(scheme);
      const marker = uniqueMarker('shot');
      await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
      await expect(playground.response.getByText(/= [\d.]+ BTC-TESTNET/).first()).toBeVisible();
      const name = `${viewport.width}x${viewport.height}-${scheme}`;
      await page.screenshot({ path: path.join(dir, `${name}.png`) });
      await playground.responseTab('Timing').click();
      const waterfall = playground.response.getByRole('table', { name: 'Where the time went' });
      await expect(waterfall).toBeVisible();
      await waterfall.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(dir, `${name}-timing.png`) });
    });

for (const scheme of ['light', 'dark'] as ColorScheme[])
  test(`screenshot 390×844 ${scheme}, the history drawer open`, async ({ page }) => {
    mkdirSync(dir, { recursive: true });
    await page.setViewportSize({ width: 390, height: 844 });
    const playground = new PlaygroundPage(page);
    await playground.open(scheme);
    // Two paths that differ only at their end: the rows keep the ends apart.
    for (const end of ['status', 'approvals']) {
      await playground.compose({ method: 'GET', path: `/transactions/3Ms2YSOiRMEC9isy6uusKLvwu5W/${end}` });
      await playground.send.click();
      await expect(playground.response).toContainText(`/3Ms2YSOiRMEC9isy6uusKLvwu5W/${end}`);
    }
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'History drawer' })).toBeVisible();
    await page.screenshot({ path: path.join(dir, `390x844-${scheme}-history.png`) });
  });
