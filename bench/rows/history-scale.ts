/**
 * history-scale: the History list of the real page with 10,000 and 100,000 entries, written straight
 * into the preview server's data dir with openHistoryStore before it starts. Three timings, each
 * measured in the page up to the frame after a MutationObserver sees the rows it waits for:
 *   render: the page's first GET /api/history request → the first real rows of the list on screen
 *           (median of several cold loads: the page is still starting up meanwhile; the sizes'
 *           loads interleaved, all servers running at once);
 *   search: the GET /api/history?q= request → only matching rows on screen (the page waits for the
 *           person to stop typing before it asks; that wait is reported apart, in the notes);
 *           median of several searches on one page;
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
import { median, percentile, round } from '../lib/stats.ts';
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
  /** The middle half of the render samples: [25th, 75th] percentile. */
  renderSpread: [number, number];
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

interface Load {
  nav: number;
  render: number;
  request: number;
}

/** One cold load of the page: navigation → first real rows on screen, and its list request. */
async function coldLoad(browser: Browser, origin: string, timeoutMs: number): Promise<Load> {
  const page = await probedPage(browser);
  try {
    await page.goto(origin);
    const shown = await painted(page, timeoutMs);
    const first = (await historyRequests(page))[0];
    if (!first) throw new Error('The page did not ask for the history.');
    return { nav: shown, render: shown - first.start, request: first.end - first.start };
  } finally {
    await page.context().close();
  }
}

interface Search {
  search: number;
  request: number;
  typedToShown: number;
  debounce: number;
}

/**
 * On an open page: scroll to the end of the whole list; then `searches` searches, each typed in one
 * go on the page freshly opened again.
 */
async function scrollAndSearch(
  browser: Browser,
  origin: string,
  count: number,
  searches: number,
  timeoutMs: number,
): Promise<{ scrollEnd: number; searches: Search[] }> {
  const page = await probedPage(browser);
  try {
    await page.goto(origin);
    await painted(page, timeoutMs);
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

    const box = locate(page).search;
    const results: Search[] = [];
    for (let i = 0; i < searches; i++) {
      // A page opened again for each search: the same search again would be answered from its cache.
      if (i > 0) {
        await page.reload();
        await painted(page, timeoutMs);
      }
      // As after the scroll above: the page done with its start-up (its lazy parts fetched), not still loading.
      await page.waitForLoadState('networkidle');
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
      await box.fill(SEARCH_MARKER);
      const searched = await painted(page, timeoutMs);
      const typed = await page.evaluate(() => (window as unknown as BenchWindow).__typed!);
      const query = (await historyRequests(page)).find((r) => r.name.includes(`q=${SEARCH_MARKER}`));
      if (!query) throw new Error('The page did not send the search to the server.');
      results.push({
        search: searched - query.start,
        request: query.end - query.start,
        typedToShown: searched - typed,
        debounce: query.start - typed,
      });
    }
    return { scrollEnd: scrolled - scrollStart, searches: results };
  } finally {
    await page.context().close();
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

/** A preview server whose history holds `count` entries, with the store's own search time. */
async function serveScale(root: string, count: number, log: (l: string) => void) {
  const dir = tempDir('qredo-bench-history-');
  const t0 = Date.now();
  fillHistory(dir, count);
  log(`  ${count.toLocaleString('en')} entries written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const searchMs = storeSearch(dir);
  const preview = await startPreview(root, { dataDir: dir });
  return {
    count,
    url: preview.url,
    storeSearch: searchMs,
    async close() {
      await preview.close();
      removeDir(dir);
    },
  };
}

export const historyScale: BenchRow = {
  id: 'history-scale',
  browser: true,
  async run(ctx) {
    const scales = ctx.quick ? [1_000] : [10_000, 100_000];
    const loads = ctx.quick ? 1 : 9;
    const searches = ctx.quick ? 1 : 5;
    const refCount = 100;
    await ensureBuild(ctx.root, ctx.log);
    const browser = await launchChromium();
    const servers: Array<Awaited<ReturnType<typeof serveScale>>> = [];
    const measurements: Measurement[] = [];
    const notes: string[] = [
      `history-scale: entries written with openHistoryStore before the servers start (one per size, all running at once); 1 in 100 has "${SEARCH_MARKER}" in its path, which is what the search looks for; render = median of ${loads} cold loads, the sizes' loads interleaved so that a busy moment of the machine falls on all of them; search = median of ${searches} searches; reference = the same page with ${refCount} entries.`,
    ];
    try {
      for (const count of [refCount, ...scales]) servers.push(await serveScale(ctx.root, count, ctx.log));
      const timeoutOf = (count: number) => (count > refCount ? 60_000 : 30_000);
      const renders = servers.map((): Load[] => []);
      for (let i = 0; i < loads; i++) {
        // The order turns each round, so that no size is always first after another's load.
        const order = servers.map((_, k) => (k + i) % servers.length);
        for (const k of order) renders[k]!.push(await coldLoad(browser, servers[k]!.url, timeoutOf(servers[k]!.count)));
      }
      const measured: Scale[] = [];
      for (const [k, server] of servers.entries()) {
        const after = await scrollAndSearch(browser, server.url, server.count, searches, timeoutOf(server.count));
        const r = renders[k]!;
        const q = after.searches;
        measured.push({
          navToList: median(r.map((x) => x.nav)),
          render: median(r.map((x) => x.render)),
          renderSpread: [
            percentile(
              r.map((x) => x.render),
              25,
            ),
            percentile(
              r.map((x) => x.render),
              75,
            ),
          ],
          renderRequest: median(r.map((x) => x.request)),
          scrollEnd: after.scrollEnd,
          search: median(q.map((x) => x.search)),
          searchRequest: median(q.map((x) => x.request)),
          typedToShown: median(q.map((x) => x.typedToShown)),
          debounce: median(q.map((x) => x.debounce)),
          storeSearch: server.storeSearch,
        });
      }
      const [ref, ...atScales] = measured;
      if (!ref) throw new Error('no reference');
      for (const [j, s] of atScales.entries()) {
        const count = scales[j]!;
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
          `history-scale.${tag}: render = list request ${round(s.renderRequest)} ms + ${round(s.render - s.renderRequest)} ms to rows on screen (reference ${round(ref.renderRequest)} + ${round(ref.render - ref.renderRequest)} ms); the middle half of the loads ${round(s.renderSpread[0])}–${round(s.renderSpread[1])} ms (reference ${round(ref.renderSpread[0])}–${round(ref.renderSpread[1])} ms); navigation → list on screen ${round(s.navToList)} ms (reference ${round(ref.navToList)} ms).`,
          `history-scale.${tag}: search = request ${round(s.searchRequest)} ms (of which store.list itself ${round(s.storeSearch)} ms, reference ${round(ref.storeSearch)} ms) + ${round(s.search - s.searchRequest)} ms to rows on screen; typed → shown ${round(s.typedToShown)} ms, ${round(s.debounce)} ms of it waiting for typing to stop (reference typed → shown ${round(ref.typedToShown)} ms).`,
        );
      }
    } finally {
      await browser.close();
      for (const server of servers) await server.close();
    }
    return { measurements, notes };
  },
};
