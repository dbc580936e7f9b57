import { PlaygroundPage } from './pages/playground-page.ts';
import { CurlImportDialogPage, ViewSwitch } from './pages/support-pages.ts';
import { expect, test } from './fixtures/playground.ts';

type PolicyWindow = Window & { __violations?: string[] };

// The built page runs under a Content-Security-Policy that allows only its own scripts (and its
// inline theme script, by hash). Everything a person does in a session must work within it: this
// walks through the parts that load their own code (the code editor, the workers, zod's schemas
// in the lazy chunks, every view) and checks that the browser refused nothing.
test('a session across every view runs within the page policy: nothing is refused', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as PolicyWindow;
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations?.push(
        `${e.effectiveDirective} refused ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  const consoleProblems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|unsafe-eval|Refused to/i.test(m.text())) consoleProblems.push(m.text());
  });
  const documentPolicy = page.waitForResponse((r) => r.request().resourceType() === 'document');

  const playground = new PlaygroundPage(page);
  await playground.open('dark');
  expect((await documentPolicy).headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);

  await playground.sendAndExpect({ method: 'GET', path: '/balance?policy=1' }, 200);
  await playground.waitForCodeEditor();
  await playground.sendAndExpect(
    { method: 'POST', path: '/transaction', body: '{"to":"0x0000000000000000000000000000000000000001","value":"1"}' },
    400,
  );
  await playground.responseTab('Raw').click();

  const curl = new CurlImportDialogPage(page);
  await curl.open.click();
  await curl.command.fill("curl 'http://127.0.0.1:8002/qapi/v1/balance?policy=2'");
  await curl.chooseEnvironment('Mock');
  await curl.importButton.click();
  await expect(curl.dialog).toBeHidden();

  const views = new ViewSwitch(page);
  for (const view of ['Doctor', 'Walkthrough', 'Feed', 'Playground'] as const) await views.go(view);

  expect(await page.evaluate(() => (window as PolicyWindow).__violations)).toEqual([]);
  expect(consoleProblems).toEqual([]);
});
