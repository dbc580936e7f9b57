import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { removeKey, useSandboxTestKey } from './fixtures/api.ts';
import { ensureHistoryEntries } from './fixtures/history-seed.ts';
import { PlaygroundPage, uniqueMarker, type ColorScheme } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// Full-page screenshots of the main states, light and dark, at a wide and a laptop size, for people to
// look at (e2e/screenshots/ is git-ignored). The tests assert what each state must show, never pixels.
// The light 1440×900 shot after GET /balance goes to e2e/screenshots/readme.png; `npm run screenshot`
// runs that test alone with PLAYGROUND_README_SCREENSHOT=docs/screenshot.png, the README's picture.
// A plain e2e run writes no tracked file.

const DIR = 'e2e/screenshots';
const README_SHOT = process.env.PLAYGROUND_README_SCREENSHOT ?? `${DIR}/readme.png`;
const viewports = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;
const schemes: ColorScheme[] = ['light', 'dark'];

test.beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  mkdirSync(dirname(README_SHOT), { recursive: true });
});

test('README screenshot: GET /balance answered 200, light, 1440×900', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const playground = new PlaygroundPage(page);
  await playground.open('light');
  await playground.pickOperation('GET /balance');
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
  await expect(playground.response.getByRole('region', { name: 'Response body, formatted' })).toContainText('"assets"');
  // The README's picture (npm run screenshot): the window only, PNG, well under 300 KB.
  await page.screenshot({ path: README_SHOT });
});

for (const viewport of viewports) {
  for (const scheme of schemes) {
    const size = `${viewport.width}x${viewport.height}`;

    test(`main states at ${size}, ${scheme}`, async ({ page, request, baseURL, specPlayground }) => {
      test.setTimeout(120_000);
      const shot = async (state: string) => {
        // The page never scrolls: a full-page shot is exactly the window.
        const overflow = await playground.pageOverflows();
        expect(overflow.height).toBeLessThanOrEqual(overflow.innerHeight);
        await page.screenshot({ path: `${DIR}/${size}-${scheme}-${state}.png`, fullPage: true });
      };
      await removeKey(request, baseURL ?? '', 'production');
      await useSandboxTestKey(request, baseURL ?? '');
      // The history step shows a long history: 10,000 entries in this spec's data folder.
      ensureHistoryEntries(specPlayground.dataDir, 10_000);
      await page.setViewportSize(viewport);
      const playground = new PlaygroundPage(page);
      await playground.open(scheme);
      await playground.expectColorScheme(scheme);

      await test.step('empty page', async () => {
        await playground.expectRegions();
        await shot('1-empty');
      });

      await test.step('after a 200 from GET /balance', async () => {
        await playground.pickOperation('GET /balance');
        await playground.send.click();
        await expect(playground.responseStatus(200)).toBeVisible();
        await playground.expectRegions();
        await shot('2-ok');
        await playground.response.screenshot({ path: `${DIR}/${size}-${scheme}-2-ok-response.png` });
      });

      await test.step('401: a stale pinned timestamp', async () => {
        await playground.pinTimestamp('1000000000');
        await playground.send.click();
        await expect(playground.responseStatus(401)).toBeVisible();
        await expect(playground.response).toContainText('timestamp expired');
        await shot('3-unauthorized');
        await playground.chooseRadio(playground.timestampMode, 'At send time');
      });

      await test.step('403: POST /transaction with the read-only demo key', async () => {
        await playground.demoKey.selectOption('read-only');
        await playground.pickOperation('POST /transaction');
        await expect(playground.stringToSign).toContainText('/qapi/v1/transaction');
        await playground.send.click();
        await expect(playground.responseStatus(403)).toBeVisible();
        await shot('4-forbidden');
        await playground.response.screenshot({ path: `${DIR}/${size}-${scheme}-4-forbidden-response.png` });
      });

      await test.step('production: the confirmation of a POST', async () => {
        await playground.chooseEnvironment('Production');
        await playground.send.click();
        const confirm = playground.dialog('Send POST to production?');
        await expect(confirm).toBeVisible();
        await shot('5-production-confirm');
        await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
        await expect(confirm).toHaveCount(0);
      });

      await test.step('production: no key yet, the credentials form', async () => {
        const bar = playground.environmentBar('Production');
        // Bring the whole bar, with its explanation and form, to the top of the scrolling panel.
        await bar.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await expect(bar.getByRole('form')).toBeInViewport();
        await shot('6-credentials-form');
      });

      await test.step('sandbox: the upstream closed the connection', async () => {
        await playground.chooseEnvironment('Sandbox');
        await playground.compose({ method: 'GET', path: `/close?probe=${uniqueMarker('shot')}`, body: '' });
        await playground.send.click();
        await expect(playground.response.getByRole('alert')).toContainText('The upstream closed the connection');
        await shot('7-upstream-error');
      });

      await test.step('sandbox: a 3 MB JSON body behind the gate', async () => {
        await playground.compose({ method: 'GET', path: `/large?size=3000000&probe=${uniqueMarker('shot')}` });
        await playground.send.click();
        await expect(playground.responseStatus(200)).toBeVisible();
        await expect(playground.response.getByRole('button', { name: 'Show formatted anyway' })).toBeVisible();
        await shot('8-large-gate');
      });

      await test.step('history: 10,000+ entries, scrolled to the oldest', async () => {
        await playground.chooseEnvironment('Mock');
        await expect(playground.history).toContainText(/\d{2},\d{3} requests/);
        await playground.history.getByRole('list', { name: 'Sent requests' }).getByRole('button').first().focus();
        await page.keyboard.press('End');
        await expect(playground.selectedRequest).toBeVisible();
        await shot('9-history-end');
      });
    });
  }
}
