import { createPrivateKey, sign } from 'node:crypto';
import type { SessionInfo } from '../core/contract.ts';
import { findPartnerDemoKey } from '../server/mock/partner/keys.ts';
import { pageHeaders } from './fixtures/api.ts';
import { expect, test } from './fixtures/playground.ts';
import { PartnerPage, lastResponseJson } from './pages/partner-page.ts';
import { DoctorPage, ViewSwitch } from './pages/support-pages.ts';

// The Partner API in the page, against this spec's own playground and its embedded Partner API: a key
// pair made on the server, the core workflow of a new partner with the payload shown live, and the
// doctor naming the v1 habit of signing the method.

test('generates a key pair on the server and copies its public key; the private key never reaches the page', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
  const partner = new PartnerPage(page);
  const answers: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/'))
      void r.text().then(
        (t) => answers.push(t),
        () => undefined,
      );
  });
  await partner.open();
  await partner.usePartnerApi();
  await partner.chooseEnvironment('Production');
  const bar = partner.partnerBar('Production');
  await expect(bar).toContainText('https://api.qredo.network/api/v1/p');
  await expect(bar).toContainText('needs a private key and the X-API-KEY');

  await partner.generateKeyPair.click();
  await expect(partner.publicKey).toHaveValue(
    /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n?$/,
  );
  await expect(bar).toContainText('Upload it in the Qredo web app: Settings, Partner API, Upload Public Key');
  await expect(bar).toContainText('has its private key; it still needs the X-API-KEY');
  const pem = await partner.publicKey.inputValue();
  await partner.copyPublicKey.click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(pem);

  // A second pair replaces the first only after saying so.
  await partner.generateKeyPair.click();
  await expect(bar.getByRole('status').first()).toContainText('This replaces the private key');
  await bar.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(partner.publicKey).toHaveValue(pem);

  // The X-API-KEY completes the pair; the environment can sign, and says with what.
  await partner.apiKey.fill('eyJrZXlfaWQiOiJlMmVQYXJ0bmVyIiwia2V5IjoibmV2ZXItc2hvd24ifQ');
  await bar.getByRole('button', { name: 'Save X-API-KEY', exact: true }).click();
  await expect(bar).toContainText('signs with a 2048-bit RSA key');
  await expect(partner.apiKey).toHaveValue('');

  // A PKCS#8 key gets the note Qredo's Go tools need, and one click converts and imports it.
  await partner.importKey.fill(
    '-----BEGIN PRIVATE KEY-----\nMIIEvAIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
  );
  await expect(bar).toContainText('Qredo’s Go tools read only PKCS#1');
  await expect(bar.getByRole('button', { name: 'Convert to PKCS#1 and import', exact: true })).toBeEnabled();

  expect(answers.join('\n')).not.toMatch(/PRIVATE KEY-----\\n|BEGIN RSA PRIVATE KEY/);
  expect(answers.join('\n')).not.toContain('eyJrZXlfaWQiOiJlMmVQYXJ0bmVyIiwia2V5IjoibmV2ZXItc2hvd24ifQ');
});

test('a new partner on the mock: company, fund, deposit address, transfer and ledger, the payload shown live without a method', async ({
  page,
  request,
  baseURL,
}) => {
  const partner = new PartnerPage(page);
  const base = baseURL ?? '';
  await partner.open();
  await partner.usePartnerApi();
  await expect(partner.partnerBar('Mock')).toContainText('/api/v1/p');
  await partner.demoPartner.selectOption('partner-fresh');

  // The payload follows the composer as it is typed: value + URL + body, and the URL is the Partner base.
  await partner.pickOperation('POST /company');
  await expect(partner.segments).toHaveText([/^Timestamp/, /^URL/, /^Body/]);
  await expect(partner.stringToSign).toContainText('/api/v1/p/company');
  await partner.setBody('{"name":"Playground E2E Ltd","country":"CH","ref":"e2e-company-1"}');
  await expect(partner.stringToSign).toContainText('"ref":"e2e-company-1"');
  await partner.send.click();
  await expect(partner.responseStatus(200)).toBeVisible();
  const { company_id: company } = await lastResponseJson<{ company_id: string }>(request, base);
  expect(company).toMatch(/^\w{27}$/);

  await partner.sendOperation(
    'POST /company/{company_id}/trustedparty',
    { company_id: company },
    '{"address":"custodian@e2e.example"}',
  );
  await partner.sendOperation('GET /company/{company_id}/trustedparty', { company_id: company });
  const parties = await lastResponseJson<{ list: Array<{ trusted_entity_id: string }> }>(request, base);
  const member = parties.list[0]!.trusted_entity_id;

  const group = { threshold: 1, members: [member] };
  await partner.sendOperation(
    'POST /company/{company_id}/fund',
    { company_id: company },
    JSON.stringify({
      name: 'E2E Treasury',
      custodygroup_withdraw: group,
      custodygroup_tx: group,
      wallets: [
        { name: 'Hot', asset: 'BTC-TESTNET' },
        { name: 'Cold', asset: 'BTC-TESTNET' },
      ],
    }),
  );
  const { fund_id: fund } = await lastResponseJson<{ fund_id: string }>(request, base);

  await partner.sendOperation('GET /company/{company_id}/fund/{fund_id}/deposit', {
    company_id: company,
    fund_id: fund,
  });
  const deposit = await lastResponseJson<{ total_count: number; list: Array<{ asset: string; address: string }> }>(
    request,
    base,
  );
  expect(deposit.total_count).toBe(2);
  expect(deposit.list[0]!.asset).toBe('BTC-TESTNET');

  await partner.sendOperation('GET /company/{company_id}/fund/{fund_id}', { company_id: company, fund_id: fund });
  const wallets = (await lastResponseJson<{ wallets: Array<{ wallet_id: string }> }>(request, base)).wallets;
  const transfer = JSON.stringify({
    wallet_id: wallets[0]!.wallet_id,
    counterparty_wallet_address: wallets[1]!.wallet_id,
    expires: Math.floor(Date.now() / 1000) + 3600,
    send: { symbol: 'BTC-TESTNET', amount: 25000 },
    reference: 'e2e transfer',
    partner_txID: 'e2e-transfer-1',
  });
  await partner.sendOperation('POST /company/{company_id}/transfer', { company_id: company }, transfer);
  expect(await lastResponseJson(request, base)).toMatchObject({ status: 'new' });
  // The same partner_txID again: the same transaction, "existing" (sent with a fresh nonce this time).
  await partner.chooseRadio(partner.freshness, 'x-nonce');
  await expect(partner.nonce).toBeVisible();
  await expect(partner.timestampMode).toHaveCount(0);
  await partner.send.click();
  await expect.poll(async () => (await lastResponseJson(request, base)).status).toBe('existing');
  await partner.chooseRadio(partner.freshness, 'x-timestamp');

  await partner.sendOperation('GET /company/{company_id}/fund/{fund_id}/ledger', {
    company_id: company,
    fund_id: fund,
  });
  const ledger = await lastResponseJson<{ Total: number; List: Array<{ type: string; amount: number }> }>(
    request,
    base,
  );
  expect(ledger.List.map((l) => l.type)).toEqual(expect.arrayContaining(['deposit', 'transferOut']));
  await expect(partner.response).toContainText('transferOut');
});

test('the doctor names the method signed into a Partner API payload', async ({ page, request, baseURL }) => {
  const session = (await (
    await request.get('/api/session', { headers: pageHeaders(baseURL ?? '') })
  ).json()) as SessionInfo;
  const url = `${session.partnerEnvironments.find((e) => e.name === 'mock')!.baseUrl}/assets`;
  const key = findPartnerDemoKey('partner-fresh');
  const ts = String(Math.floor(Date.now() / 1000));
  // Signed the v1 way: value + METHOD + URL.
  const sig = sign('RSA-SHA256', Buffer.from(`${ts}GET${url}`), createPrivateKey(key.privateKeyPem)).toString(
    'base64url',
  );
  const doctor = new DoctorPage(page);
  await page.goto('/');
  await new ViewSwitch(page).go('Doctor');
  await page.getByRole('group', { name: 'Signed for' }).getByRole('radio', { name: 'Partner API (RSA)' }).check();
  await doctor.captured.fill(
    [
      `curl '${url}' \\`,
      `  -H 'x-api-key: ${key.apiKey}' \\`,
      `  -H 'x-timestamp: ${ts}' \\`,
      `  -H 'x-sign: ${sig}'`,
    ].join('\n'),
  );
  await doctor.checkAgainst('Mock');
  await doctor.diagnose.click();
  await expect(doctor.verdict).toContainText('Not valid');
  const first = doctor.causes.first();
  await expect(first).toContainText('method-in-payload');
  await expect(first).toContainText('The HTTP method was signed into the payload');
  await expect(first).toContainText('certain');
  await expect(doctor.diagnosis).toContainText('public key of partner-fresh');
});

test('a Partner API entry in history: diagnosed valid with its own scheme, re-sent with a fresh nonce, loaded back', async ({
  page,
}) => {
  const partner = new PartnerPage(page);
  await partner.open();
  await partner.usePartnerApi();
  await partner.chooseRadio(partner.freshness, 'x-nonce');
  await partner.nonce.fill('e2e-history-nonce-1');
  await expect(partner.segments.first()).toContainText('Nonce');
  await partner.pickOperation('GET /exchanges');
  await partner.send.click();
  await expect(partner.responseStatus(200)).toBeVisible();

  await partner.historyButton('/exchanges').first().click();
  await partner.entryAction('Re-send').click();
  // The pinned nonce is never used twice: the re-send signs a fresh one, and the mock accepts it.
  await expect(partner.historyEntry('/exchanges')).toHaveCount(2);
  await expect(partner.responseStatus(200)).toBeVisible();

  await partner.entryAction('Diagnose').click();
  const doctor = new DoctorPage(page);
  await expect(doctor.verdict).toContainText('Valid');
  await expect(doctor.diagnosis).toContainText('public key of partner-northwind');

  await new ViewSwitch(page).go('Playground');
  await partner.entryAction('Load into composer').click();
  await expect(partner.endpoint).toHaveValue('partner-get-exchanges');
  await expect(partner.api.getByRole('radio', { name: 'Partner API' })).toBeChecked();
});
