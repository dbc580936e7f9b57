import { PlaygroundPage } from './pages/playground-page.ts';
import { ViewSwitch, WalkthroughPage } from './pages/support-pages.ts';
import { expect, test } from './fixtures/playground.ts';

test('the published apitool example walks to ZPjvuaQH… with a 60-byte key', async ({ page }) => {
  const walk = new WalkthroughPage(page);
  await walk.open();
  await expect(walk.steps).toHaveCount(6);
  await expect(walk.step(2)).toContainText('60 bytes');
  await expect(walk.step(2)).toContainText('$2a$04$ethku.q5kCreAahqXVysfuiSDrwlNU8He64NHiG4Z.1za/YJ/yHLK');
  await expect(walk.step(3)).toContainText('1644848012');
  await expect(walk.step(5)).toContainText('ZPjvuaQHtHVKg26nd5FMNJKRyA45d5VzwonbZkRxt9w');
  await expect(walk.step(6)).toContainText('qredo-api-sign');
  await expect(page.getByRole('status').filter({ hasText: 'Matches the signature published' })).toBeVisible();
});

test('the current request from the composer, with the demo key bytes', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.compose({ method: 'GET', path: '/balance?walk=1' });
  await new ViewSwitch(page).go('Walkthrough');
  await page.getByRole('radio', { name: 'Use the current request' }).check();
  const walk = new WalkthroughPage(page);
  await expect(walk.step(3)).toContainText('/qapi/v1/balance?walk=1');
  await expect(walk.step(2)).toContainText('60 bytes');
  await new ViewSwitch(page).go('Playground');
  await expect(playground.path).toHaveValue('/balance?walk=1');
});
