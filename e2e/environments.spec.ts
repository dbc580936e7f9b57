import { EXAMPLE_TRANSACTION_BODY } from '../core/catalogue.ts';
import { removeKey } from './fixtures/api.ts';
import { PlaygroundPage, uniqueMarker } from './pages/playground-page.ts';
import { expect, test } from './fixtures/playground.ts';

// The environment switcher, production made unmistakable and confirmed, the
// credentials form (write-only secret, fingerprint shown) and the mock's demo keys.

test('the switcher offers Mock, Sandbox and Production, always visible, Mock first', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await expect(playground.environmentOption('Mock')).toBeChecked();
  await expect(playground.environmentOption('Sandbox')).not.toBeChecked();
  await expect(playground.environmentOption('Production')).not.toBeChecked();
  await expect(playground.environmentBar('Mock')).toBeVisible();

  await playground.chooseEnvironment('Sandbox');
  await expect(playground.environmentBar('Sandbox')).toBeVisible();
  await expect(playground.productionBanner).toHaveCount(0);
  await playground.chooseEnvironment('Mock');
  await expect(playground.environmentBar('Mock')).toBeVisible();
});

test('Production shows a banner; a POST asks first, Cancel sends nothing, confirming without a key says so', async ({
  page,
  request,
  baseURL,
}) => {
  await removeKey(request, baseURL ?? '', 'production');
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Production');
  await expect(playground.productionBanner).toContainText('PRODUCTION');
  await expect(playground.environmentBar('Production')).toContainText('No credentials yet');
  await expect(playground.environmentBar('Production')).toContainText('QREDO_PRODUCTION_API_KEY');

  const marker = uniqueMarker('prod');
  const path = `/transaction?probe=${marker}`;
  await playground.compose({ method: 'POST', path, body: EXAMPLE_TRANSACTION_BODY });

  const confirm = playground.dialog('Send POST to production?');
  await playground.send.click();
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('live Qredo API');
  await expect(confirm).toContainText(path);
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(playground.announcer).toHaveText('Send to production cancelled.');
  await expect(playground.historyEntry(marker)).toHaveCount(0);

  await playground.send.click();
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Send to production', exact: true }).click();
  const alert = playground.response.getByRole('alert');
  await expect(alert).toContainText('This environment has no credentials');
  await expect(alert).toContainText('No API key is configured for production');
  await expect(alert).toContainText('Nothing was sent upstream.');
});

test('a GET to production needs no confirmation (only mutating methods ask)', async ({ page, request, baseURL }) => {
  await removeKey(request, baseURL ?? '', 'production');
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Production');
  await playground.compose({ method: 'GET', path: `/balance?probe=${uniqueMarker('prodget')}` });
  await playground.send.click();
  await expect(playground.response.getByRole('alert')).toContainText('This environment has no credentials');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the sandbox credentials form saves a key write-only, shows key id and fingerprint, and Remove clears it', async ({
  page,
  request,
  baseURL,
}) => {
  await removeKey(request, baseURL ?? '', 'sandbox');
  const playground = new PlaygroundPage(page);
  await playground.open();
  await playground.chooseEnvironment('Sandbox');
  const bar = playground.environmentBar('Sandbox');
  const form = bar.getByRole('form', { name: 'Sandbox credentials', exact: true });
  await expect(bar).toContainText('No credentials yet');
  await expect(bar).toContainText('QREDO_SANDBOX_API_KEY');
  await expect(form).toBeVisible();

  // Validation first: nothing is sent while a field is empty or the secret is not base64.
  await form.getByRole('button', { name: 'Save credentials', exact: true }).click();
  await expect(form).toContainText('The key id is empty.');

  const keyId = `form-${uniqueMarker('key')}`;
  const secret = Buffer.from(`$2a$10$${'F0rmSecretForTheE2eTestOnly'.padEnd(53, 'x')}`).toString('base64');
  await form.getByRole('textbox', { name: 'Key ID', exact: true }).fill(keyId);
  const secretField = form.getByLabel('Secret', { exact: true });
  await expect(secretField).toHaveAttribute('type', 'password');
  await secretField.fill(secret);
  await form.getByRole('button', { name: 'Save credentials', exact: true }).click();

  await expect(bar).toContainText(keyId);
  await expect(bar).toContainText(/Fingerprint [0-9a-f]{8}/);
  await expect(form).toHaveCount(0);
  await expect(playground.environmentOption('Sandbox')).not.toHaveAccessibleDescription('(no key)');
  // Write-only: the secret is nowhere in the page afterwards, not even in an input's value.
  const dom = await page.evaluate(() => {
    const values = Array.from(document.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value);
    return document.documentElement.outerHTML + values.join('\n');
  });
  expect(dom).not.toContain(secret);
  // The signing panel now signs with that key id.
  await expect(playground.signature).toContainText(keyId);

  await bar.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(bar).toContainText('No credentials yet');
  await expect(bar.getByRole('form', { name: 'Sandbox credentials', exact: true })).toBeVisible();
  await expect(bar).not.toContainText(keyId);
});

test('mock demo keys: the read-only key gets a 403 on POST /transaction, the empty organization null data', async ({
  page,
}) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  await expect(playground.demoKey).toHaveValue('full');

  await playground.demoKey.selectOption('read-only');
  await playground.sendAndExpect(
    { method: 'POST', path: `/transaction?probe=${uniqueMarker('ro')}`, body: EXAMPLE_TRANSACTION_BODY },
    403,
  );
  await expect(playground.response).toContainText('Forbidden');
  await expect(playground.response).toContainText(/insufficient privileges/i);

  await playground.demoKey.selectOption('empty-org');
  await playground.sendAndExpect({ method: 'GET', path: `/balance?probe=${uniqueMarker('empty')}`, body: '' }, 200);
  await expect(playground.response.getByRole('region', { name: 'Response body, formatted' })).toContainText(
    /"assets":\s*null/,
  );
});
