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

test('the panes resize with the keyboard and the pointer, within their limits, and are remembered on reload', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const playground = new PlaygroundPage(page);
  await playground.open();
  const separator = page.getByRole('separator', { name: 'Resize the history' });
  const history = page.locator('[data-pane="history"]');
  const width = async () => (await history.boundingBox())!.width;
  const group = (await page.locator('[data-panes="horizontal"]').boundingBox())!.width;
  const start = await width();
  await expect(separator).toHaveAttribute('aria-valuenow', String(Math.round((start / group) * 100)));

  // The keyboard: an arrow moves the boundary by 16 px, Shift by 80, Home to the minimum (220 px).
  await separator.focus();
  await page.keyboard.press('ArrowRight');
  near(await width(), start + 16);
  await page.keyboard.press('Shift+ArrowLeft');
  near(await width(), start - 64);
  await page.keyboard.press('Home');
  near(await width(), 220);
  // End stops at 45 % of the group, or where the composer beside it reaches its 360 px.
  const compose = page.locator('[data-pane="compose"]');
  const limit = Math.min(group * 0.45, (await width()) + (await compose.boundingBox())!.width - 360);
  await page.keyboard.press('End');
  near(await width(), limit);

  // The pointer: dragging the boundary 100 px to the left.
  const box = (await separator.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 100, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const dragged = await width();
  near(dragged, limit - 100);

  // Enter collapses the history to its rail and brings it back.
  await separator.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Show history' })).toBeVisible();
  near(await width(), 44);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Hide history' })).toBeVisible();

  // The vertical separator of the inspect column moves with Up and Down.
  const inner = page.getByRole('separator', { name: 'Resize the signature and the response' });
  const signing = page.locator('[data-pane="signing"]');
  const before = (await signing.boundingBox())!.height;
  await inner.focus();
  await page.keyboard.press('ArrowDown');
  near((await signing.boundingBox())!.height, before + 16);

  await page.reload();
  await expect(playground.send).toBeVisible();
  near(await width(), dragged);
  near((await signing.boundingBox())!.height, before + 16);
});

/** Within a pixel: sizes are rounded to whole pixels as they are set. */
function near(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} px, expected ${expected} px`).toBeLessThanOrEqual(1);
}
