/**
 * history-scale: the History list of the real page with 10,000 and 100,000 entries, written straight
 * into the preview server's data dir with openHistoryStore before it starts. Three timings, each
 * measured in the page up to the frame after a MutationObserver sees the rows it waits for:
 *   render: the page's first GET /api/history request → the first real rows of the list on screen
 *           (median of several cold loads: the page is still starting up meanwhile);
 *   search: the GET /api/history?q= request → only matching rows on screen (the page waits for the
 *           person to stop typing before it asks; that wait is reported apart, in the notes);
 *   scroll-end: scrollTop set to the bottom → the last row, filled in, on screen.
 * Reference: the same three with 100 entries.
 */
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from '@playwright/test';
import { openHistoryStore } from '../../server/history/store.ts';
import { SEARCH_MARKER, fillHistory } from '../lib/history-fill.ts';
import { locate, shimNames } from '../lib/page.ts';
import { tempDir } from '../../test-support/temp-dirs.ts';
import { launchChromium } from '../../test-support/chromium.ts';
import { ensureBuild, removeDir, startPreview } from '../lib/preview.ts';
import { median, round } from '../lib/stats.ts';
import { measurement, type BenchRow, type Measurement } from '../lib/types.ts';

interface Scale {
  navToList: number;
  render: number;
  renderRequest: number;
  scrollEnd: number;
  search: number;
  searchRequest: number;
  typedToShown: number;
  debounce: number;
  /** store.list({ q }) in this process, on the same database. */
  storeSearch: number;
}

type Probe = { done: number | null; painted: number | null };
type BenchWindow = Window & { __probe: Probe; __watch(test: () => boolean): void; __typed?: number };
type Request = { name: string; start: number; end: number };

const LIST = '[aria-label="History"] [role="list"]';

/** A new page whose probe stamps the frame after `test()` first holds following a DOM change. */
async function probedPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await shimNames(page);
  await page.addInitScript((list) => {
    const w = window as unknown as BenchWindow;
    let test: (() => boolean) | null = null;
    w.__probe = { done: null, painted: null };
    const check = () => {
      if (!test || !test()) return;
      test = null;
      w.__probe.done = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (w.__probe.painted = performance.now());
        channel.port2.postMessage(0);
      });
    };
    w.__watch = (t) => {
      w.__probe = { done: null, painted: null };
      test = t;
      check();
    };
    document.addEventListener('DOMContentLoaded', () => {
      const options = { subtree: true, childList: true, attributes: true, characterData: true };
      new MutationObserver(check).observe(document.body, options);
    });
    // The first test: real rows (not placeholders) in the History list.
    w.__watch(() => document.querySelector(`${list} [role="listitem"]:not([aria-busy])`) !== null);
  }, LIST);
  return page;
}

async function painted(page: Page, timeoutMs: number): Promise<number> {
  await page.waitForFunction(() => (window as unknown as BenchWindow).__probe.painted !== null, undefined, {
    timeout: timeoutMs,
    polling: 20,
  });
  return page.evaluate(() => (window as unknown as BenchWindow).__probe.painted!);
}

function historyRequests(page: Page): Promise<Request[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.name.includes('/api/history'))
      .map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd })),
  );
}

/** Opens the page on a server whose history holds `count` entries and times the three steps. */
async function measure(
  browser: Browser,
  origin: string,
  count: number,
  loads: number,
  timeoutMs: number,
): Promise<Omit<Scale, 'storeSearch'>> {
  const renders: Array<{ nav: number; render: number; request: number }> = [];
  let page: Page | null = null;
  try {
    for (let i = 0; i < loads; i++) {
      if (page) await page.context().close();
      page = await probedPage(browser);
      await page.goto(origin);
      const shown = await painted(page, timeoutMs);
      const first = (await historyRequests(page))[0];
      if (!first) throw new Error('The page did not ask for the history.');
      renders.push({ nav: shown, render: shown - first.start, request: first.end - first.start });
    }
    if (!page) throw new Error('no page');

    // Scroll to the end of the whole list.
    const scrollStart = await page.evaluate((list) => {
      const w = window as unknown as BenchWindow;
      const el = document.querySelector(list)?.parentElement;
      if (!el) throw new Error('No History list on the page.');
      const t0 = performance.now();
      w.__watch(() => {
        const size = document.querySelector(`${list} [role="listitem"][aria-setsize]`)?.getAttribute('aria-setsize');
        return document.querySelector(`${list} [role="listitem"]:not([aria-busy])[aria-posinset="${size}"]`) !== null;
      });
      el.scrollTop = el.scrollHeight;
      return t0;
    }, LIST);
    const scrolled = await painted(page, timeoutMs);
    const total = await page.evaluate(
      (list) => document.querySelector(`${list} [role="listitem"][aria-setsize]`)?.getAttribute('aria-setsize'),
      LIST,
    );
    if (Number(total) !== count) throw new Error(`The list says ${total} entries; ${count} were written.`);

    // One search, typed in one go.
    await page.evaluate(
      ({ list, marker }) => {
        const w = window as unknown as BenchWindow;
        const input = document.querySelector<HTMLInputElement>('input[aria-label="Search history"]');
        if (!input) throw new Error('No "Search history" box on the page.');
        input.addEventListener('input', (e) => (w.__typed = e.timeStamp), { once: true, capture: true });
        w.__watch(() => {
          const rows = [...document.querySelectorAll(`${list} [role="listitem"]:not([aria-busy])`)];
          return rows.length > 0 && rows.every((r) => r.textContent.includes(marker));
        });
      },
      { list: LIST, marker: SEARCH_MARKER },
    );
    await locate(page).search.fill(SEARCH_MARKER);
    const searched = await painted(page, timeoutMs);
    const typed = await page.evaluate(() => (window as unknown as BenchWindow).__typed!);
    const query = (await historyRequests(page)).find((r) => r.name.includes(`q=${SEARCH_MARKER}`));
    if (!query) throw new Error('The page did not send the search to the server.');

    return {
      navToList: median(renders.map((r) => r.nav)),
      render: median(renders.map((r) => r.render)),
      renderRequest: median(renders.map((r) => r.request)),
      scrollEnd: scrolled - scrollStart,
      search: searched - query.start,
      searchRequest: query.end - query.start,
      typedToShown: searched - typed,
      debounce: query.start - typed,
    };
  } finally {
    if (page) await page.context().close();
  }
}

/** The server's own share of a search: store.list({ q }) on the same database, median of 5. */
function storeSearch(dir: string): number {
  const store = openHistoryStore({ dir });
  try {
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      store.list({ q: SEARCH_MARKER, limit: 200, offset: 0 });
      if (i > 0) times.push(performance.now() - t0);
    }
    return median(times);
  } finally {
    store.close();
  }
}

async function atScale(
  root: string,
  browser: Browser,
  count: number,
  loads: number,
  log: (l: string) => void,
  timeoutMs: number,
): Promise<Scale> {
  const dir = tempDir('qredo-bench-history-');
  try {
    const t0 = Date.now();
    fillHistory(dir, count);
    log(`  ${count.toLocaleString('en')} entries written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const searchMs = storeSearch(dir);
    const preview = await startPreview(root, { dataDir: dir });
    try {
      return { ...(await measure(browser, preview.url, count, loads, timeoutMs)), storeSearch: searchMs };
    } finally {
      await preview.close();
    }
  } finally {
    removeDir(dir);
  }
}

export const historyScale: BenchRow = {
  id: 'history-scale',
  browser: true,
  async run(ctx) {
    const scales = ctx.quick ? [1_000] : [10_000, 100_000];
    const loads = ctx.quick ? 1 : 5;
    const refCount = 100;
    await ensureBuild(ctx.root, ctx.log);
    const browser = await launchChromium();
    const measurements: Measurement[] = [];
    const notes: string[] = [
      `history-scale: entries written with openHistoryStore before the server starts; 1 in 100 has "${SEARCH_MARKER}" in its path, which is what the search looks for; render = median of ${loads} cold loads; reference = the same page with ${refCount} entries.`,
    ];
    try {
      const ref = await atScale(ctx.root, browser, refCount, loads, ctx.log, 30_000);
      for (const count of scales) {
        const s = await atScale(ctx.root, browser, count, loads, ctx.log, 60_000);
        const tag = count >= 1000 ? `${count / 1000}k` : String(count);
        const goals = count === 10_000;
        measurements.push(
          measurement({
            id: `history-scale.${tag}.render`,
            unit: 'ms',
            value: round(s.render),
            reference: round(ref.render),
            // Against the same page with a near-empty history, in the same run: the list's cost alone.
            goal: goals ? 'ratio ≤ 1.05' : '—',
            met: goals ? s.render / ref.render <= 1.05 : null,
          }),
          measurement({
            id: `history-scale.${tag}.search`,
            unit: 'ms',
            value: round(s.search),
            reference: round(ref.search),
            goal: goals ? '≤ 50 ms' : '—',
            met: goals ? s.search <= 50 : null,
          }),
          measurement({
            id: `history-scale.${tag}.scroll-end`,
            unit: 'ms',
            value: round(s.scrollEnd),
            reference: round(ref.scrollEnd),
            goal: '—',
            met: null,
          }),
        );
        notes.push(
          `history-scale.${tag}: render = list request ${round(s.renderRequest)} ms + ${round(s.render - s.renderRequest)} ms to rows on screen (reference ${round(ref.renderRequest)} + ${round(ref.render - ref.renderRequest)} ms); navigation → list on screen ${round(s.navToList)} ms (reference ${round(ref.navToList)} ms).`,
          `history-scale.${tag}: search = request ${round(s.searchRequest)} ms (of which store.list itself ${round(s.storeSearch)} ms, reference ${round(ref.storeSearch)} ms) + ${round(s.search - s.searchRequest)} ms to rows on screen; typed → shown ${round(s.typedToShown)} ms, ${round(s.debounce)} ms of it waiting for typing to stop (reference typed → shown ${round(ref.typedToShown)} ms).`,
        );
      }
    } finally {
      await browser.close();
    }
    return { measurements, notes };
  },
};
