import { useSandboxTestKey } from './fixtures/api.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// The page under bad input. No freeze, no script execution, clear messages.
// The deep and huge-header answers come from the local test upstream behind "Sandbox".

test('a 10 MB pasted body is signed byte for byte and the page stays usable', async ({ page }) => {
  test.setTimeout(120_000);
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.compose({ method: 'POST', path: `/transaction?probe=${uniqueMarker('paste')}` });
  const body = '{"data":"' + 'x'.repeat(10 * 1024 * 1024 - 11) + '"}';
  await playground.pasteIntoBody(body);
  // The body segment reports the exact byte count of what was pasted.
  await expect(playground.stringToSign).toContainText(/10,?485,?760\s*B/, { timeout: 60_000 });
  // The page still answers: the path can be edited and the preview follows.
  await playground.setPath('/transaction?after-paste=1');
  await expect(playground.stringToSign).toContainText('after-paste=1', { timeout: 60_000 });
});

test('JSON nested 10,000 levels deep is shown without crashing the page', async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  await useSandboxTestKey(request, baseURL ?? '');
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Sandbox');
  await playground.sendAndExpect({ method: 'GET', path: `/deep?depth=10000&probe=${uniqueMarker('deep')}` }, 200);
  // The lines are virtualised: find the innermost value through the response search.
  await expect(playground.response).toContainText('depth 20', { timeout: 30_000 });
  await playground.response.getByRole('searchbox', { name: 'Search response', exact: true }).fill('bottom');
  await expect(playground.response.getByText(/^1 of 1/)).toBeVisible({ timeout: 30_000 });
  // The rest of the page still works.
  await expect(playground.send).toBeEnabled();
  await playground.setPath('/balance');
  await expect(playground.stringToSign).toContainText('/balance');
});

test('a huge response header value is listed as text', async ({ page, request, baseURL }) => {
  await useSandboxTestKey(request, baseURL ?? '');
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Sandbox');
  await playground.sendAndExpect({ method: 'GET', path: `/big-header?probe=${uniqueMarker('hdr')}` }, 200);
  await playground.responseTab('Headers').click();
  const table = playground.response.getByRole('table', { name: 'Response headers' });
  await expect(table).toContainText('x-huge');
  await expect(table).toContainText('h'.repeat(200));
  const overflow = await playground.pageOverflows();
  expect(overflow.width).toBeLessThanOrEqual(overflow.innerWidth);
});
