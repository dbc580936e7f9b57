import { mkdirSync } from 'node:fs';
import { EXAMPLE_TRANSACTION_BODY } from '../core/catalogue.ts';
import { useTestKey } from './fixtures/api.ts';
import { PlaygroundPage, type ColorScheme } from './pages/playground-page.ts';
import { expect, test, TEST_UPSTREAM } from './fixtures/playground.ts';

// The confirmation of a production re-send, shot 13 of the what-is-sent series, light and dark, at
// 1440×900 (into the git-ignored e2e/screenshots/), in a playground of this spec's own whose production
// is a local upstream.

const DIR = 'e2e/screenshots';
const schemes: ColorScheme[] = ['light', 'dark'];

test.use({ playgroundEnv: { PLAYGROUND_PRODUCTION_BASE_URL: TEST_UPSTREAM } });

test.beforeAll(() => mkdirSync(DIR, { recursive: true }));

for (const scheme of schemes) {
  test(`what is sent: the re-send confirmation, ${scheme}`, async ({ page, request, baseURL }) => {
    await useTestKey(request, baseURL ?? '', 'production', 'e2e-production-key');
    await page.setViewportSize({ width: 1440, height: 900 });
    const playground = new PlaygroundPage(page);
    await playground.open(scheme);
    await playground.chooseEnvironment('Production');
    await playground.compose({ method: 'POST', path: '/transaction', body: EXAMPLE_TRANSACTION_BODY });
    await playground.send.click();
    const confirm = playground.dialog('Send POST to production?');
    await confirm.getByRole('button', { name: 'Send to production', exact: true }).click();
    await expect(playground.responseStatus(200)).toBeVisible();
    await playground.entryAction('Re-send').click();
    await expect(confirm).toContainText('Re-send of history');
    await page.screenshot({ path: `${DIR}/what-is-sent-${scheme}-13-resend-confirm.png` });
    await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
  });
}
