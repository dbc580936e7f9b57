import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// The layout: composer, signing panel, response and the history sidebar, comfortable from
// 1920 px down to a 1024 px laptop; light and dark themes following the system, switchable.

for (const viewport of [
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
]) {
  test(`all regions are present at ${viewport.width}×${viewport.height} and the page itself never scrolls`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const playground = new PlaygroundPage(page);
    await playground.open();
    await playground.expectRegions();
    await expect(playground.body).toBeVisible();

    await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${uniqueMarker('layout')}` }, 200);
    await playground.expectRegions();
    // The panels scroll inside; the document is exactly the window (no blank band, no second scrollbar).
    let size = await playground.pageOverflows();
    expect(size.height).toBeLessThanOrEqual(size.innerHeight);
    expect(size.width).toBeLessThanOrEqual(size.innerWidth);

    await playground.chooseEnvironment('Production');
    await expect(playground.productionBanner).toBeVisible();
    size = await playground.pageOverflows();
    expect(size.height).toBeLessThanOrEqual(size.innerHeight);
    expect(size.width).toBeLessThanOrEqual(size.innerWidth);
  });
}

test('the theme follows the system and the switch cycles light, dark and system, remembered on reload', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open('dark');
  await playground.expectColorScheme('dark');
  await expect(playground.themeSwitch).toHaveAccessibleName(/^Theme: System \(dark\)/);

  await playground.themeSwitch.click();
  await expect(playground.themeSwitch).toHaveAccessibleName(/^Theme: Light/);
  await playground.expectColorScheme('light');

  await playground.themeSwitch.click();
  await expect(playground.themeSwitch).toHaveAccessibleName(/^Theme: Dark/);
  await playground.expectColorScheme('dark');

  // Remembered: a light system still gets the chosen dark theme after a reload.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(playground.send).toBeVisible();
  await playground.expectColorScheme('dark');

  await playground.themeSwitch.click();
  await expect(playground.themeSwitch).toHaveAccessibleName(/^Theme: System \(light\)/);
  await playground.expectColorScheme('light');
});
