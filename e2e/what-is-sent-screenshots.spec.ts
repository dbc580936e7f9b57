import { mkdirSync } from 'node:fs';
import { PlaygroundPage, uniqueMarker, type ColorScheme } from './pages/playground-page.ts';
import { CurlImportDialogPage } from './pages/support-pages.ts';
import { expect, test } from './fixtures/playground.ts';

// What is sent: the states that show it, light and dark, at 1440×900, for people to look at
// (e2e/screenshots/ is git-ignored). Each shot asserts what the state must show, never pixels. The
// re-send confirmation, which needs production at a local upstream, is in production-screenshots.spec.ts.

const DIR = 'e2e/screenshots';
const schemes: ColorScheme[] = ['light', 'dark'];

test.beforeAll(() => mkdirSync(DIR, { recursive: true }));

for (const scheme of schemes) {
  test(`what is sent: the new states, ${scheme}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    const playground = new PlaygroundPage(page);
    const shot = (name: string) => page.screenshot({ path: `${DIR}/what-is-sent-${scheme}-${name}.png` });
    await playground.open(scheme);

    await test.step('skip link, focused', async () => {
      await page.keyboard.press('Tab');
      await expect(playground.skipToComposer).toBeFocused();
      await shot('01-skip-link');
      await page.screenshot({
        path: `${DIR}/what-is-sent-${scheme}-01-skip-link-detail.png`,
        clip: { x: 0, y: 0, width: 520, height: 120 },
      });
    });

    await test.step('a body set aside for GET status', async () => {
      await playground.pickOperation('POST /transaction');
      await playground.pickOperation('GET /transactions/{tx_id}/status');
      await expect(playground.restoreBody).toBeVisible();
      await shot('02-body-set-aside');
    });

    await test.step('a placeholder left in the path, at the Path field', async () => {
      await playground.send.click();
      await expect(playground.path).toHaveAttribute('aria-invalid', 'true');
      await shot('03-path-placeholder');
    });

    await test.step('a GET with a body: footer, beside Send, body segment', async () => {
      await playground.param('tx_id').fill(uniqueMarker('shot'));
      await playground.restoreBody.click();
      await expect(playground.setBodyAside).toBeVisible();
      await expect(playground.stringToSign).toContainText('Body segment: GET with a');
      await shot('04-get-with-body');
      await playground.stringToSign.screenshot({
        path: `${DIR}/what-is-sent-${scheme}-04-get-with-body-string-to-sign.png`,
      });
    });

    await test.step('a whitespace-only body', async () => {
      await playground.setBodyAside.click();
      await playground.setBody('    ');
      await expect(playground.body).toHaveAccessibleDescription(/Whitespace-only body \(4 B\)/);
      await shot('05-whitespace-body');
      await playground.setBody('');
    });

    await test.step('a space in the path, with its one-click fix', async () => {
      await playground.setPath('/funds/my fund');
      await expect(page.getByRole('button', { name: 'Percent-encode it', exact: true })).toBeVisible();
      await shot('06-path-space');
    });

    await test.step('the response names its request; under Production it is not current', async () => {
      await playground.demoKey.selectOption('read-only');
      await playground.pickOperation('POST /transaction');
      await playground.send.click();
      await expect(playground.responseStatus(403)).toBeVisible();
      await shot('07-response-named');
      await playground.chooseEnvironment('Production');
      await expect(playground.response).toContainText('not the current request');
      await shot('08-response-not-current');
      await playground.response.screenshot({
        path: `${DIR}/what-is-sent-${scheme}-08-response-not-current-detail.png`,
      });
      await playground.chooseEnvironment('Mock');
    });

    await test.step('Load into composer: the read-only key comes back; rows show key and duration', async () => {
      await playground.demoKey.selectOption('full');
      await playground.pickOperation('GET /balance');
      await playground.send.click();
      await expect(playground.responseStatus(200)).toBeVisible();
      await playground.history.getByRole('listitem').nth(1).getByRole('button').click();
      await playground.entryAction('Load into composer').click();
      await expect(playground.demoKey).toHaveValue('read-only');
      await shot('09-loaded-read-only');
    });

    await test.step('cURL import: the summary, for a sandbox URL and for an unknown host', async () => {
      const dialog = new CurlImportDialogPage(page);
      await dialog.open.click();
      await dialog.command.fill(
        `curl -X POST 'https://sandbox-api.qredo.network/qapi/v1/transaction' -H 'X-Request-Id: 42' -H 'Content-Type: application/json' -H 'qredo-api-key: abc' -H 'accept-language: en' --compressed --data-raw '{"value":"1"}'`,
      );
      await expect(dialog.importButton).toHaveText('Import into Sandbox');
      await shot('10-curl-summary');
      await dialog.command.fill(`curl http://10.0.0.7:9000/qapi/v1/account`);
      await expect(dialog.summary).toContainText('not one of the playground');
      await dialog.importButton.click();
      await expect(dialog.dialog.getByRole('alert')).toBeVisible();
      await shot('11-curl-unknown-host');
      await dialog.dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    });

    await test.step('the shortcuts dialog', async () => {
      await playground.shortcutsButton.click();
      await expect(playground.dialog('Keyboard shortcuts')).toContainText('Leave the body editor');
      await shot('12-shortcuts');
      await page.keyboard.press('Escape');
    });
  });
}
