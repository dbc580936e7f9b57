/**
 * tab-switch: in Debian chromium, against the built page under `vite preview`, the time from a click
 * on a request tab to the new tab's signature on screen, with 50 tabs open. Each tab holds a
 * different draft, so a switch writes another draft into the composer, lays out its string-to-sign
 * and asks for its signature. Measured from the test driver: just before the click, until the
 * Signature region shows the new tab's signed URL (Playwright's click and its polling are included,
 * in both columns alike).
 * Reference: the same switches with 2 tabs open, side by side, so that the difference is what the
 * other 48 tabs cost.
 */
import type { Page } from '@playwright/test';
import { HEADER_SIGNATURE } from '../../core/signing/signature.ts';
import { openPlayground } from '../lib/page.ts';
import { launchChromium } from '../../test-support/chromium.ts';
import type { Preview } from '../../test-support/preview.ts';
import { ensureBuild, startPreview } from '../lib/preview.ts';
import { median, percentile, round } from '../lib/stats.ts';
import { measurement, type BenchRow } from '../lib/types.ts';

/** The open tabs, written as the page writes them (PUT /api/workspace): each a GET with its own query. */
function workspace(count: number) {
  const tabs = Array.from({ length: count }, (_, i) => ({
    id: `bench-tab-${i}`,
    draft: {
      environment: 'mock',
      demoKey: 'full',
      operationId: '',
      method: 'GET',
      customMethod: '',
      path: `/balance?tab=${i}`,
      params: {},
      body: '',
      bodyAside: '',
      headers: [],
      timing: { mode: 'send-time', pinned: '', unit: 'seconds' },
    },
    dirty: true,
  }));
  return { tabs, activeTabId: tabs[0]!.id };
}

async function measure(
  page: Page,
  preview: Preview,
  tabs: number,
  switches: number,
  failures: string[],
): Promise<number[]> {
  const res = await fetch(`${preview.origin}/api/workspace`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${preview.token}` },
    body: JSON.stringify({ workspace: workspace(tabs) }),
  });
  if (!res.ok) throw new Error(`PUT /api/workspace answered ${res.status}`);
  await openPlayground(page, preview.url);
  const strip = page.getByRole('tablist', { name: 'Request tabs', exact: true });
  await strip
    .getByRole('tab')
    .nth(tabs - 1)
    .waitFor({ state: 'attached', timeout: 30_000 });
  await page.getByRole('region', { name: 'Signature', exact: true }).getByText(HEADER_SIGNATURE).waitFor();
  const samples: number[] = [];
  const signature = page.getByRole('region', { name: 'Signature', exact: true });
  for (let i = 0; i < switches; i++) {
    // The next tab along the strip (the first is active at the start): every switch changes the draft.
    const target = (i + 1) % tabs;
    const tab = strip.getByRole('tab').nth(target);
    await tab.scrollIntoViewIfNeeded();
    const t0 = performance.now();
    await tab.click();
    try {
      // Polled every frame: the first frame that shows the new tab's signed URL.
      await signature.getByText(new RegExp(`/balance\\?tab=${target}$`)).waitFor({ timeout: 10_000 });
      samples.push(performance.now() - t0);
    } catch {
      failures.push(`switch ${i + 1} of ${tabs} tabs: no new signature within 10 s`);
    }
    await page.waitForTimeout(100);
  }
  return samples;
}

export const tabSwitch: BenchRow = {
  id: 'tab-switch',
  browser: true,
  async run(ctx) {
    const switches = ctx.quick ? 3 : 30;
    const open = ctx.quick ? 5 : 50;
    await ensureBuild(ctx.root, ctx.log);
    const browser = await launchChromium();
    const notes: string[] = [];
    try {
      const run = async (tabs: number) => {
        const preview = await startPreview(ctx.root);
        try {
          const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
          return await measure(page, preview, tabs, switches, notes);
        } finally {
          await preview.close();
        }
      };
      const many = await run(open);
      const two = await run(2);
      notes.push(
        `tab-switch: click on a tab → its signature on screen, ${many.length} switches with ${open} tabs open; reference = the same with 2 tabs open.`,
      );
      return {
        measurements: [
          measurement({
            id: 'tab-switch.p50',
            unit: 'ms',
            value: round(median(many)),
            reference: round(median(two)),
            goal: '—',
            met: null,
          }),
          measurement({
            id: 'tab-switch.p95',
            unit: 'ms',
            value: round(percentile(many, 95)),
            reference: round(percentile(two, 95)),
            goal: '—',
            met: null,
          }),
        ],
        notes,
      };
    } finally {
      await browser.close();
    }
  },
};
