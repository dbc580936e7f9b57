import { EXAMPLE_TRANSACTION_BODY } from '../core/catalogue.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// Keyboard and accessibility: Ctrl/Cmd+Enter sends, "/" focuses the history search, "?" lists the
// shortcuts; the promised accessible names exist and a send is announced.

test('Ctrl+Enter sends from the body editor too', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('kbd');
  await playground.compose({ method: 'POST', path: `/transaction?probe=${marker}`, body: EXAMPLE_TRANSACTION_BODY });
  await expect(playground.stringToSign).toContainText(marker);
  await playground.body.press('Control+Enter');
  await expect(playground.responseStatus(200)).toBeVisible();
  await expect(playground.historyEntry(marker)).toHaveCount(1);
  // The editor did not get a newline from the chord.
  await expect(playground.body).toContainText('"note": "playground test"');
});

test('"/" focuses the history search and "?" opens the list of shortcuts', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.response.click();
  await page.keyboard.press('/');
  await expect(playground.historySearch).toBeFocused();
  await expect(playground.historySearch).toHaveValue('');

  // While typing in a field, "/" and "?" are just characters.
  await playground.path.fill('/balance');
  await playground.path.press('End');
  await playground.path.press('?');
  await expect(playground.path).toHaveValue('/balance?');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await playground.response.click();
  await page.keyboard.press('?');
  const help = playground.dialog('Keyboard shortcuts');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Enter');
  await expect(help).toContainText('/');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await playground.shortcutsButton.click();
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(help).toHaveCount(0);
});

test('the accessible names the issue promises exist', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await expect(playground.send).toBeVisible();
  await expect(playground.stringToSign).toBeVisible();
  await expect(playground.signature).toBeVisible();
  await expect(playground.response).toBeVisible();
  await expect(playground.history).toBeVisible();
  await expect(playground.environment).toBeVisible();
  await expect(playground.method).toBeVisible();
  await expect(playground.path).toBeVisible();
  await expect(playground.body).toBeVisible();
  await expect(playground.environment.getByRole('radio')).toHaveCount(3);
});

test('every form control on the page has an accessible name', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${uniqueMarker('names')}` }, 200);
  const unnamed = await page.evaluate(() =>
    Array.from(document.querySelectorAll('button, input, select, textarea, [role="textbox"]'))
      .filter((el) => {
        const labelled =
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby') ||
          (el as HTMLInputElement).labels?.length ||
          (el.tagName === 'BUTTON' && el.textContent.trim());
        return !labelled;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(unnamed).toEqual([]);
});

test('focus is visible on keyboard navigation', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.path.focus();
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return { style: style.outlineStyle, width: style.outlineWidth, tag: el.tagName };
  });
  expect(outline.tag).toBe('BUTTON');
  expect(outline.style).not.toBe('none');
  expect(outline.width).not.toBe('0px');
});

test('a send is announced in a polite live region', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const marker = uniqueMarker('said');
  const live = page.locator('[aria-live="polite"][role="status"]').filter({ hasText: marker });
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${marker}` }, 200);
  await expect(live).toHaveText(new RegExp(`^Sent GET /balance\\?probe=${marker}: 200 OK in \\d+ ms$`));
});
