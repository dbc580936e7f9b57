import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { EXAMPLE_TRANSACTION_BODY } from '../core/catalogue.ts';
import { PlaygroundPage, type ColorScheme } from './pages/playground-page.ts';

// Full-page screenshots of the main states, light and dark, at a wide and a laptop size, for people to
// look at (e2e/screenshots/ is git-ignored). The tests assert what each state must show, never pixels.

const DIR = 'e2e/screenshots';
const viewports = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;
const schemes: ColorScheme[] = ['light', 'dark'];

test.beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
});

for (const viewport of viewports) {
  for (const scheme of schemes) {
    const size = `${viewport.width}x${viewport.height}`;

    test(`main states at ${size}, ${scheme}`, async ({ page }) => {
      const shot = (state: string) =>
        page.screenshot({ path: `${DIR}/${size}-${scheme}-${state}.png`, fullPage: true });
      await page.setViewportSize(viewport);
      const playground = new PlaygroundPage(page);
      await playground.open(scheme);
      await playground.expectColorScheme(scheme);

      await test.step('empty page', async () => {
        await playground.expectRegions();
        await shot('1-empty');
      });

      await test.step('after a 200 from GET /balance', async () => {
        await playground.compose({ method: 'GET', path: '/balance' });
        await playground.send.click();
        await expect(playground.responseStatus(200)).toBeVisible();
        await playground.expectRegions();
        await shot('2-ok');
        // The page scrolls inside its panels, so a full-page shot can miss the response: take it too.
        await playground.response.screenshot({ path: `${DIR}/${size}-${scheme}-2-ok-response.png` });
      });

      await test.step('POST /transaction refused for the read-only demo key', async () => {
        await playground.demoKey.selectOption('read-only');
        await playground.compose({ method: 'POST', path: '/transaction', body: EXAMPLE_TRANSACTION_BODY });
        await expect(playground.stringToSign).toContainText('/qapi/v1/transaction');
        await playground.send.click();
        await expect(playground.responseStatus(403)).toBeVisible();
        await playground.expectRegions();
        await shot('3-forbidden');
        await playground.response.screenshot({ path: `${DIR}/${size}-${scheme}-3-forbidden-response.png` });
      });

      await test.step('production selected', async () => {
        await playground.chooseEnvironment('Production');
        await playground.expectRegions();
        await shot('4-production');
      });
    });
  }
}
