import { DoctorPage, ViewSwitch } from './pages/support-pages.ts';
import { FULL_KEY, clientSignature } from '../test-support/mock-secrets.ts';
import { mockBaseUrl } from './fixtures/api.ts';
import { expect, test } from './fixtures/playground.ts';

function curlFor(url: string, ts: string, sig: string): string {
  return [
    `curl '${url}' \\`,
    `  -H 'qredo-api-key: ${FULL_KEY.keyId}' \\`,
    `  -H 'qredo-api-ts: ${ts}' \\`,
    `  -H 'qredo-api-sig: ${sig}'`,
  ].join('\n');
}

test('a signature made with the secret not decoded is diagnosed as that, with certainty', async ({ page, request }) => {
  const url = `${await mockBaseUrl(request)}/balance`;
  const ts = String(Math.floor(Date.now() / 1000));
  const doctor = new DoctorPage(page);
  await page.goto('/');
  await new ViewSwitch(page).go('Doctor');
  await doctor.captured.fill(curlFor(url, ts, clientSignature(`${ts}GET${url}`, false)));
  await doctor.checkAgainst('Mock');
  await doctor.diagnose.click();

  await expect(doctor.verdict).toContainText('Not valid');
  const first = doctor.causes.first();
  await expect(first).toContainText('secret-not-decoded');
  await expect(first).toContainText('certain');
  await expect(doctor.diagnosis.getByRole('row', { name: /Signature/ })).toContainText('different');
});

test('a correct capture is valid', async ({ page, request }) => {
  const url = `${await mockBaseUrl(request)}/balance`;
  const ts = String(Math.floor(Date.now() / 1000));
  const doctor = new DoctorPage(page);
  await doctor.open();
  await doctor.captured.fill(curlFor(url, ts, clientSignature(`${ts}GET${url}`, true)));
  await doctor.diagnose.click();
  await expect(doctor.verdict).toContainText('Valid');
  await expect(doctor.diagnosis).toContainText('None: nothing in this capture explains a refusal.');
});

test('bad input gets the server’s message, plainly', async ({ page }) => {
  const doctor = new DoctorPage(page);
  await doctor.open();
  await doctor.captured.fill("curl -X POST 'https://api.qredo.network/qapi/v1/transaction' -d @body.json");
  await doctor.diagnose.click();
  await expect(doctor.error).toContainText('@');
});
