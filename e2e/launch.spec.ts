import { LAUNCH_TOKEN } from './fixtures/api.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// The launch token as a person meets it: the address printed in the terminal carries it in its
// fragment; the page keeps it, takes it out of the address bar, and asks for it when it is missing
// or has been renewed.

test.describe('without the token', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the page asks for the printed address instead of showing a playground that cannot work', async ({ page }) => {
    await page.goto('/');
    const door = page.getByRole('region', { name: 'Open the playground with its launch link' });
    await expect(door).toBeVisible();
    await expect(door).toContainText('npm run cli -- token');
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toHaveCount(0);

    const field = door.getByLabel('Launch link or token');
    await field.fill('http://127.0.0.1:1/#token=not-the-token-of-this-playground');
    await door.getByRole('button', { name: 'Connect' }).click();
    await expect(door.getByRole('alert')).toContainText('does not know this token');

    await field.fill(`http://127.0.0.1:5173/#token=${LAUNCH_TOKEN}`);
    await door.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeVisible();
  });

  test('opening the printed address works, and the token leaves the address bar at once', async ({ page }) => {
    await page.goto(`/#token=${LAUNCH_TOKEN}`);
    const playground = new PlaygroundPage(page);
    await expect(playground.send).toBeVisible();
    expect(page.url()).not.toContain('token');
    await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${uniqueMarker('launch')}` }, 200);
    // Kept for this origin: a reload needs no fragment.
    await page.reload();
    await expect(playground.send).toBeVisible();
  });
});

test('a token renewed while the page is open brings the question back over the page, drafts kept', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('renewed');
  await playground.compose({ method: 'GET', path: `/balance?probe=${marker}` });
  // As if `npm run cli -- token --new` had run: the token the page holds is no longer the one in force.
  await page.route('**/api/send', (route) =>
    route.continue({
      headers: { ...route.request().headers(), authorization: 'Bearer renewed-since-the-page-loaded' },
    }),
  );
  await playground.send.click();
  const dialog = page.getByRole('dialog', { name: 'The launch token has changed' });
  await expect(dialog).toBeVisible();
  await expect(playground.historyEntry(marker)).toHaveCount(0);
  await page.unroute('**/api/send');
  await dialog.getByLabel('Launch link or token').fill(LAUNCH_TOKEN);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(playground.path).toHaveValue(`/balance?probe=${marker}`);
});
