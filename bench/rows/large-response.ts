/**
 * large-response: 1 MB, 10 MB and 50 MB JSON responses, sent from the real page through the relay.
 * The sandbox environment of the preview server points at a local upstream that serves the body
 * (PLAYGROUND_SANDBOX_BASE_URL with QREDO_SANDBOX_API_KEY/SECRET); the relay's response cap is raised
 * to 64 MiB so that 50 MB arrives whole.
 *
 * In the page: "arrival" is the responseEnd of the POST /api/send fetch (Resource Timing); "first paint"
 * is the frame after a MutationObserver sees the response body view appear in the Response region;
 * long tasks come from a PerformanceObserver('longtask'), counted from arrival to 1 s after that paint.
 * Reference: a bare page on the upstream's origin that fetches the same bytes, JSON.parses them and
 * shows the first 200 lines in a <pre>, timed the same way.
 */
import type { Browser, Page } from '@playwright/test';
import { openPlayground, setMethod, shimNames } from '../lib/page.ts';
import { launchChromium } from '../../test-support/chromium.ts';
import { ensureBuild, startPreview } from '../lib/preview.ts';
import { round } from '../lib/stats.ts';
import { measurement, type BenchRow, type Measurement } from '../lib/types.ts';
import { startContentUpstream } from '../../test-support/content-upstream.ts';
import type { Upstream } from '../../test-support/upstream.ts';

/** Warms the upstream's cache so the first request is not slowed by building the body. */
async function prepare(upstream: Upstream, bytes: number): Promise<void> {
  const res = await fetch(`${upstream.origin}/raw/${bytes}`);
  await res.arrayBuffer();
}

interface Timing {
  arrival: number;
  painted: number;
  longest: number;
  longestBeforePaint: number;
}

type LongTask = { start: number; duration: number };
type BenchWindow = Window & { __bench: { tasks: LongTask[]; painted: number | null; commit: number | null } };

/** Installs the long-task observer and the "view appeared → next frame" probe for `selector`. */
function installProbe(page: Page, selector: string): Promise<void> {
  return page.evaluate((sel) => {
    const w = window as unknown as BenchWindow;
    w.__bench = { tasks: [], painted: null, commit: null };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
    const mo = new MutationObserver(() => {
      if (w.__bench.commit !== null || !document.querySelector(sel)) return;
      w.__bench.commit = performance.now();
      mo.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (w.__bench.painted = performance.now());
        channel.port2.postMessage(0);
      });
    });
    mo.observe(document.body, { subtree: true, childList: true });
  }, selector);
}

/** Waits for the probe's paint, then 1 s more for long tasks; answers the timings against `resource`. */
async function collect(page: Page, resource: string, timeoutMs: number): Promise<Timing> {
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.painted !== null, undefined, {
    timeout: timeoutMs,
    polling: 50,
  });
  await page.waitForTimeout(1000);
  return page.evaluate((name) => {
    const w = window as unknown as BenchWindow;
    const entry = performance
      .getEntriesByType('resource')
      .filter((r) => r.name.includes(name))
      .at(-1) as PerformanceResourceTiming | undefined;
    const arrival = entry?.responseEnd ?? Number.NaN;
    const painted = w.__bench.painted!;
    const overlapping = (from: number, to: number) =>
      w.__bench.tasks
        .filter((t) => t.start < to && t.start + t.duration > from)
        .reduce((m, t) => Math.max(m, t.duration), 0);
    return {
      arrival,
      painted,
      longest: overlapping(arrival, painted + 1000),
      longestBeforePaint: overlapping(arrival, painted),
    };
  }, resource);
}

async function ours(
  browser: Browser,
  origin: string,
  bytes: number,
  quick: boolean,
): Promise<Timing & { gated: boolean }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const l = await openPlayground(page, origin);
    const sandbox = l.environment.getByRole('radio', { name: /^Sandbox\b/i });
    // The radio itself is visually hidden inside its label: click through the label.
    await sandbox.check({ force: true });
    if (!(await sandbox.isChecked())) throw new Error('The Sandbox environment could not be selected.');
    await setMethod(l, 'GET');
    await l.path.fill(`/big/${bytes}`);
    await installProbe(page, '[aria-label="Response"] [aria-label^="Response body"]');
    await l.send.click();
    const timing = await collect(page, '/api/send', quick ? 30_000 : 120_000);
    if (process.env.BENCH_SCREENSHOTS) await page.screenshot({ path: `bench/results/large-${bytes}.png` });
    const gated = (await l.response.getByRole('button', { name: 'Show formatted anyway' }).count()) > 0;
    return { ...timing, gated };
  } finally {
    await context.close();
  }
}

async function reference(browser: Browser, upstream: Upstream, bytes: number, quick: boolean): Promise<Timing> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await shimNames(page);
    await page.goto(upstream.origin);
    await installProbe(page, '#out[data-done]');
    await page.evaluate(async (path) => {
      const res = await fetch(path);
      const text = await res.text();
      JSON.parse(text);
      const out = document.getElementById('out')!;
      out.textContent = text.slice(0, 200 * 120);
      out.dataset.done = '1';
    }, `/raw/${bytes}`);
    return await collect(page, '/raw/', quick ? 30_000 : 120_000);
  } finally {
    await context.close();
  }
}

const label = (bytes: number) => `${bytes / 1_000_000}MB`;

export const largeResponse: BenchRow = {
  id: 'large-response',
  browser: true,
  async run(ctx) {
    const sizes = ctx.quick ? [1_000_000] : [1_000_000, 10_000_000, 50_000_000];
    await ensureBuild(ctx.root, ctx.log);
    const upstream = await startContentUpstream();
    const secret = Buffer.from('$2a$10$BenchSandboxSecretForLargeResponses.abcdefghijklmnopqrs').toString('base64');
    const preview = await startPreview(ctx.root, {
      env: {
        PLAYGROUND_SANDBOX_BASE_URL: upstream.baseUrl,
        QREDO_SANDBOX_API_KEY: 'benchSandboxKey1',
        QREDO_SANDBOX_API_SECRET: secret,
        PLAYGROUND_MAX_RESPONSE_BYTES: String(64 * 1024 * 1024),
      },
    });
    const browser = await launchChromium();
    const measurements: Measurement[] = [];
    const notes: string[] = [
      'large-response: sandbox environment pointed at a local upstream serving minified JSON (one line); relay response cap raised to 64 MiB (PLAYGROUND_MAX_RESPONSE_BYTES); paint = arrival of the /api/send answer → first frame showing the body view; longest task = from arrival to 1 s after that frame; reference = a bare page fetching the same bytes, JSON.parse, first 200 lines in a <pre>.',
    ];
    try {
      for (const bytes of sizes) {
        ctx.log(`  ${label(bytes)}…`);
        await prepare(upstream, bytes);
        const o = await ours(browser, preview.url, bytes, ctx.quick);
        const r = await reference(browser, upstream, bytes, ctx.quick);
        const paint = o.painted - o.arrival;
        const refPaint = r.painted - r.arrival;
        const is10 = bytes === 10_000_000;
        const is50 = bytes === 50_000_000;
        measurements.push(
          measurement({
            id: `large-response.${label(bytes)}.paint`,
            unit: 'ms',
            value: round(paint),
            reference: round(refPaint),
            goal: is10 ? '≤ 1,000 ms' : is50 ? 'gated' : '—',
            met: is10 ? paint <= 1000 : is50 ? o.gated : null,
          }),
          measurement({
            id: `large-response.${label(bytes)}.longest-task`,
            unit: 'ms',
            value: round(o.longest),
            reference: round(r.longest),
            goal: is10 || is50 ? '≤ 200 ms' : '—',
            met: is10 || is50 ? o.longest <= 200 : null,
          }),
        );
        notes.push(
          `large-response.${label(bytes)}: ${o.gated ? 'gated (shown as raw text until asked)' : 'not gated'}; longest task before the paint ${round(o.longestBeforePaint)} ms (reference ${round(r.longestBeforePaint)} ms).`,
        );
      }
    } finally {
      await browser.close();
      await preview.close();
      await upstream.close();
    }
    return { measurements, notes };
  },
};
