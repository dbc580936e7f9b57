import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/playground.ts';
import { removeKey, useSandboxTestKey } from './fixtures/api.ts';
import { FeedPage, type FeedStage } from './pages/feed-page.ts';
import { PlaygroundPage, type ColorScheme } from './pages/playground-page.ts';
import { ViewSwitch } from './pages/support-pages.ts';

// The Feed view against the embedded mock, which signs nothing for us: a transaction created from the
// composer is seen moving through the feed the playground's server opened with a signed handshake.
// The mock's timeline takes about 10 s (created, +2 s pending, +8 s authorized, +10 s approved), so the
// expectations wait with timeouts, never with sleeps.

const TIMELINE_TIMEOUT = 20_000;
const STAGES: FeedStage[] = ['created', 'pending', 'authorized', 'approved'];

/** Sends POST /transaction with the catalogue's example body (Mock, demo key full) and returns its txID. */
async function createTransaction(playground: PlaygroundPage): Promise<string> {
  await playground.pickOperation('POST /transaction');
  await expect(playground.stringToSign).toContainText('/qapi/v1/transaction');
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();
  const body = playground.response.getByRole('region', { name: 'Response body, formatted' });
  await expect(body).toContainText('"txID"');
  const txID = /"txID":\s*"([^"]+)"/.exec((await body.textContent()) ?? '')?.[1];
  expect(txID).toBeTruthy();
  return txID!;
}

test('a transaction created in the composer moves from created to approved in the Feed view', async ({ page }) => {
  test.setTimeout(60_000);
  const playground = new PlaygroundPage(page);
  await playground.open();
  await expect(playground.demoKey).toHaveValue('full');
  const txID = await createTransaction(playground);

  await new ViewSwitch(page).go('Feed');
  const feed = new FeedPage(page);
  await expect(feed.environment).toHaveValue('mock');
  await feed.expectListening();

  // The feed reports it as it moves: the card appears, then every stage gets its time, approved last.
  await expect(feed.transaction(txID)).toBeVisible({ timeout: TIMELINE_TIMEOUT });
  await expect(feed.stage(txID, 'created')).toBeVisible();
  await expect(feed.statusOf(txID, 'approved')).toBeVisible({ timeout: TIMELINE_TIMEOUT });
  for (const stage of STAGES) await expect(feed.stage(txID, stage)).toBeVisible();

  // The exact frames are one click away.
  await feed.rawTab.click();
  await expect(feed.rawMessages.getByRole('listitem').filter({ hasText: txID }).first()).toContainText(
    '"status":"approved"',
  );
});

test('the feed keeps listening while the composer sends, and shows every stage it heard', async ({ page }) => {
  test.setTimeout(60_000);
  const playground = new PlaygroundPage(page);
  const views = new ViewSwitch(page);
  const feed = new FeedPage(page);
  await playground.open();
  await views.go('Feed');
  await feed.expectListening();
  await views.go('Playground');
  const txID = await createTransaction(playground);
  await views.go('Feed');
  await expect(feed.statusOf(txID, 'approved')).toBeVisible({ timeout: TIMELINE_TIMEOUT });
  for (const stage of STAGES) await expect(feed.stage(txID, stage)).toBeVisible();
  await feed.rawTab.click();
  for (const stage of STAGES)
    await expect(
      feed.rawMessages
        .getByRole('listitem')
        .filter({ hasText: `"status":"${stage}"` })
        .first(),
    ).toContainText(txID);
});

test('the Feed view says why a feed cannot be opened: no key, or the upstream’s 401 with its reason', async ({
  page,
  request,
  baseURL,
}) => {
  await removeKey(request, baseURL ?? '', 'sandbox');
  const feed = new FeedPage(page);
  await page.goto('/#/feed');
  await feed.expectListening();
  await feed.environment.selectOption('sandbox');
  await expect(feed.connection).toContainText('Experimental');
  await expect(feed.problem).toContainText('No API key for Sandbox yet');

  await useSandboxTestKey(request, baseURL ?? '');
  await feed.connection.getByRole('button', { name: 'Try again', exact: true }).click();
  await expect(feed.problem).toContainText('The Sandbox feed refused the handshake: 401.');
  await expect(feed.problem).toContainText('the e2e upstream refuses every feed handshake');
});

test('Reset mock data asks first, then forgets the transactions created through the mock', async ({ page }) => {
  const playground = new PlaygroundPage(page);
  await playground.open();
  const txID = await createTransaction(playground);
  await playground.compose({ method: 'GET', path: `/transactions/${txID}/status`, body: '' });
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();

  const bar = playground.environmentBar('Mock');
  await bar.getByRole('button', { name: 'Reset mock data', exact: true }).click();
  const confirm = playground.dialog('Reset the mock data?');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await playground.send.click();
  await expect(playground.responseStatus(200)).toBeVisible();

  await bar.getByRole('button', { name: 'Reset mock data', exact: true }).click();
  await confirm.getByRole('button', { name: 'Reset mock data', exact: true }).click();
  await expect(bar.getByRole('status')).toHaveText('Reset to seed 0.');
  await playground.send.click();
  await expect(playground.responseStatus(404)).toBeVisible();
  await expect(playground.response).toContainText(txID);
});

const DIR = 'e2e/screenshots';
const schemes: ColorScheme[] = ['light', 'dark'];

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: true });
}

for (const scheme of schemes) {
  test(`Feed view screenshots at 1440×900, ${scheme}`, async ({ page, request, baseURL }) => {
    test.setTimeout(90_000);
    mkdirSync(DIR, { recursive: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    const playground = new PlaygroundPage(page);
    const views = new ViewSwitch(page);
    const feed = new FeedPage(page);
    await playground.open(scheme);
    await views.go('Feed');
    await feed.expectListening();
    await shot(page, `1440x900-${scheme}-feed-1-waiting`);

    await views.go('Playground');
    const first = await createTransaction(playground);
    await views.go('Feed');
    await expect(feed.stage(first, 'pending')).toBeVisible({ timeout: TIMELINE_TIMEOUT });
    await views.go('Playground');
    const second = await createTransaction(playground);
    await views.go('Feed');
    await expect(feed.transaction(second)).toBeVisible({ timeout: TIMELINE_TIMEOUT });
    await shot(page, `1440x900-${scheme}-feed-2-moving`);
    await expect(feed.statusOf(second, 'approved')).toBeVisible({ timeout: TIMELINE_TIMEOUT });
    await shot(page, `1440x900-${scheme}-feed-3-approved`);

    await feed.rawTab.click();
    await expect(feed.rawMessages).toContainText(second);
    await shot(page, `1440x900-${scheme}-feed-4-raw`);

    await removeKey(request, baseURL ?? '', 'sandbox');
    await feed.timelineTab.click();
    await feed.environment.selectOption('sandbox');
    await expect(feed.problem).toContainText('No API key for Sandbox yet');
    await shot(page, `1440x900-${scheme}-feed-5-no-key`);
    await useSandboxTestKey(request, baseURL ?? '');
    await feed.connection.getByRole('button', { name: 'Try again', exact: true }).click();
    await expect(feed.problem).toContainText('401');
    await shot(page, `1440x900-${scheme}-feed-6-refused`);
  });
}
