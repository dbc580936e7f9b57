import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/playground.ts';
import { FeedPage } from './pages/feed-page.ts';
import { PartnerPage } from './pages/partner-page.ts';
import type { ColorScheme } from './pages/playground-page.ts';
import { ViewSwitch } from './pages/support-pages.ts';

// The Feed view on the Partner API's core client feed of the embedded mock: the playground's server
// opens it signed with the demo partner's RSA key, and a transfer made in the composer that names the
// core client in authorize_id arrives as an ApproveTransfer action, pending.

/** The partner-test-key world's seeded core client, company and testnet wallets. */
const CLIENT = 'ZupenzfrjAixU7G5AoDTpH113mwBa6enNfnhkEETqWix';
const COMPANY = '1va2cJ2pqdLSFAN5t1knBrnuMvw';
const FROM = 'HUnmEJEgYeNYj2pTH8DfikDcH5gjHqhj9iadgVQgRKMk';
const TO = 'D1h4cyu5MJWDSgo6UczEPmEPAHKZ3vDkNiPXVrs6QuSP';
const ARRIVAL_TIMEOUT = 15_000;

async function openPartnerFeed(page: Page, clientId: string): Promise<FeedPage> {
  const feed = new FeedPage(page);
  const connection = feed.connection;
  await connection.getByRole('combobox', { name: 'Partner feed', exact: true }).selectOption('coreclient');
  await connection.getByRole('combobox', { name: 'Demo partner', exact: true }).selectOption('partner-test-key');
  await connection.getByRole('textbox', { name: 'Core client id', exact: true }).fill(clientId);
  await connection.getByRole('button', { name: 'Listen', exact: true }).click();
  return feed;
}

async function transferFromComposer(partner: PartnerPage, reference: string): Promise<void> {
  await partner.demoPartner.selectOption('partner-test-key');
  const body = JSON.stringify({
    wallet_id: FROM,
    counterparty_wallet_address: TO,
    expires: Math.floor(Date.now() / 1000) + 3600,
    send: { symbol: 'BTC-TESTNET', amount: 1000 },
    reference,
    partner_txID: reference,
    authorize_id: CLIENT,
  });
  await partner.sendOperation('POST /company/{company_id}/transfer', { company_id: COMPANY }, body);
  await expect(partner.response).toContainText('"status": "new"');
}

const actionCards = (page: Page) => page.getByRole('article', { name: /^Action / });

test('a transfer the core client must authorize arrives on its Partner feed as a pending ApproveTransfer', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const partner = new PartnerPage(page);
  const views = new ViewSwitch(page);
  await partner.open();
  // The header's API switch says whose feeds the Feed view opens.
  await partner.usePartnerApi();
  await views.go('Feed');
  const feed = await openPartnerFeed(page, CLIENT);
  await feed.expectListening();
  await expect(feed.status).toContainText(`/api/v1/p/coreclient/${CLIENT}/feed`);
  await expect(feed.status).toContainText('partner-test-key');

  await views.go('Playground');
  await transferFromComposer(partner, 'e2e-feed-1');
  await views.go('Feed');
  const card = actionCards(page).first();
  await expect(card).toBeVisible({ timeout: ARRIVAL_TIMEOUT });
  await expect(card).toContainText('ApproveTransfer');
  await expect(card.getByLabel('Status: pending', { exact: true })).toBeVisible();
  await expect(card).toContainText(`core client ${CLIENT}`);

  await feed.rawTab.click();
  const frame = feed.rawMessages.getByRole('listitem').filter({ hasText: '"status":"pending"' }).first();
  await expect(frame).toContainText(`"coreClientID":"${CLIENT}"`);
  await expect(frame).toContainText('"type":"ApproveTransfer"');
});

test('an unknown core client id is refused with the mock’s 404 and its reason', async ({ page }) => {
  const partner = new PartnerPage(page);
  await partner.open();
  await partner.usePartnerApi();
  await new ViewSwitch(page).go('Feed');
  const feed = await openPartnerFeed(page, 'NoSuchCoreClient');
  await expect(feed.problem).toContainText('refused the handshake: 404');
  await expect(feed.problem).toContainText('no core client NoSuchCoreClient for this API key');
});

const schemes: ColorScheme[] = ['light', 'dark'];
for (const scheme of schemes) {
  test(`Partner feed screenshot at 1440×900, ${scheme}`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    const partner = new PartnerPage(page);
    const views = new ViewSwitch(page);
    await partner.open(scheme);
    await partner.usePartnerApi();
    await views.go('Feed');
    const feed = await openPartnerFeed(page, CLIENT);
    await feed.expectListening();
    await views.go('Playground');
    await transferFromComposer(partner, `e2e-shot-${scheme}`);
    await views.go('Feed');
    await expect(actionCards(page).first()).toBeVisible({ timeout: ARRIVAL_TIMEOUT });
    // Outside the repository: the system's temp folder.
    await page.screenshot({ path: join(tmpdir(), `partner-feed-1440x900-${scheme}.png`), fullPage: true });
  });
}
