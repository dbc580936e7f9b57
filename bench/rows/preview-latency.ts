/**
 * preview-latency: in Debian chromium, against the built page under `vite preview`, the time from a
 * keystroke in a 100 KB body to the updated string-to-sign and signature on screen. Measured in the
 * page: the keydown event's timestamp, then a MutationObserver that sees the Signature region change
 * (the string-to-sign is rendered from the same answer in the same commit), then the next frame.
 * The signing request's start and end come from the page's timeline (its fetch worker's measure).
 * Reference: the bare POST /api/sign round trip for the same draft, fetched from the same page.
 */
import { editableBody } from '../../test-support/bodies.ts';
import { openPlayground, setBody, setMethod, settle, waitForCodeEditor } from '../lib/page.ts';
import { launchChromium } from '../../test-support/chromium.ts';
import { ensureBuild, startPreview } from '../lib/preview.ts';
import { median, percentile, round } from '../lib/stats.ts';
import { measurement, type BenchRow } from '../lib/types.ts';
import type { Browser } from '@playwright/test';

interface Sample {
  t0: number;
  commit: number;
  painted: number;
  signStart: number | null;
  signEnd: number | null;
}

type BenchWindow = Window & {
  __bench: { samples: Sample[]; pending: null | { t0: number; before: string; seen?: boolean } };
};

export const previewLatency: BenchRow = {
  id: 'preview-latency',
  browser: true,
  async run(ctx) {
    const keystrokes = ctx.quick ? 3 : 50;
    const body = editableBody(ctx.quick ? 2_000 : 100_000);
    await ensureBuild(ctx.root, ctx.log);
    const preview = await startPreview(ctx.root);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const l = await openPlayground(page, preview.url);
      await setMethod(l, 'POST');
      await l.path.fill('/transaction');
      await waitForCodeEditor(page);
      await setBody(page, l, body);
      const readSignature = () => l.signature.textContent().then((t) => t ?? '');
      await settle(readSignature, 500, 20_000);
      // The caret inside the last string value: each keystroke keeps the body valid JSON.
      await page.keyboard.press('ControlOrMeta+End');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');

      await page.evaluate(() => {
        const w = window as unknown as BenchWindow;
        const sig = () => document.querySelector('[aria-label="Signature"]')?.textContent ?? '';
        w.__bench = { samples: [], pending: null };
        document.addEventListener(
          'keydown',
          (e) => {
            if (w.__bench.pending) return;
            w.__bench.pending = { t0: e.timeStamp, before: sig() };
          },
          true,
        );
        new MutationObserver(() => {
          const p = w.__bench.pending;
          if (!p || p.seen || sig() === p.before) return;
          p.seen = true;
          const commit = performance.now();
          requestAnimationFrame(() => {
            // After the frame: the first moment the new signature can have been on screen.
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              const painted = performance.now();
              // The page's fetch worker puts its requests in the page's timeline as measures.
              const sign = [
                ...performance.getEntriesByName('fetch /api/sign', 'measure'),
                ...performance.getEntriesByType('resource').filter((r) => r.name.endsWith('/api/sign')),
              ]
                .filter((e) => e.startTime >= p.t0)
                .sort((a, b) => a.startTime - b.startTime)
                .at(-1);
              w.__bench.samples.push({
                t0: p.t0,
                commit,
                painted,
                signStart: sign?.startTime ?? null,
                signEnd: sign ? sign.startTime + sign.duration : null,
              });
              w.__bench.pending = null;
            };
            channel.port2.postMessage(0);
          });
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });

      const failures: string[] = [];
      for (let i = 0; i < keystrokes; i++) {
        await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
        try {
          await page.waitForFunction((n) => (window as unknown as BenchWindow).__bench.samples.length >= n, i + 1, {
            timeout: 10_000,
          });
        } catch {
          failures.push(`keystroke ${i + 1}: no new signature within 10 s`);
          await page.evaluate(() => ((window as unknown as BenchWindow).__bench.pending = null));
        }
        await page.waitForTimeout(150);
      }
      const samples = await page.evaluate(() => (window as unknown as BenchWindow).__bench.samples);
      const latencies = samples.map((s) => s.painted - s.t0);
      const waits = samples.filter((s) => s.signStart !== null).map((s) => s.signStart! - s.t0);
      const trips = samples.filter((s) => s.signStart !== null).map((s) => s.signEnd! - s.signStart!);
      const renders = samples.filter((s) => s.signEnd !== null).map((s) => s.painted - s.signEnd!);

      // Reference: the same draft signed by a bare fetch from the same page, no React in between.
      const refs = await page.evaluate(
        async ({ draft, body, token, count }) => {
          const out: number[] = [];
          for (let i = 0; i < count; i++) {
            const t0 = performance.now();
            const res = await fetch('/api/sign', {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                accept: 'application/json',
                authorization: `Bearer ${token}`,
              },
              body: JSON.stringify({ ...draft, body: `${body}${i}` }),
            });
            JSON.parse(await res.text());
            out.push(performance.now() - t0);
          }
          return out;
        },
        { draft: SIGNED_DRAFT, body, token: preview.token, count: keystrokes },
      );

      const floorSamples = await measureFloor(browser, preview.url, preview.token, body, keystrokes);
      const floor = floorSamples.map((s) => s.painted - s.t0);

      const p50 = median(latencies);
      const p95 = percentile(latencies, 95);
      const notes = [
        `preview-latency: ${samples.length} of ${keystrokes} keystrokes measured in a ${(body.length / 1000).toFixed(0)} KB body; breakdown (medians): keydown → POST /api/sign starts ${round(median(waits))} ms (debounce and React), the request ${round(median(trips))} ms, answer → on screen ${round(median(renders))} ms; reference = bare fetch of POST /api/sign with the same draft from the page; floor = the same keystroke measured on a page of the same origin holding only a <textarea> with the body, which signs it with a bare fetch on each input event and writes the signature into a text node (no React, no code editor): what any page costs on this machine (median ${round(median(floor))} ms: keydown → input event ${round(median(floorSamples.map((s) => s.input - s.t0)))} ms, the request ${round(median(floorSamples.map((s) => s.answered - s.input)))} ms, answer → on screen ${round(median(floorSamples.map((s) => s.painted - s.answered)))} ms).`,
        ...failures.map((f) => `preview-latency: ${f}`),
      ];
      return {
        measurements: [
          measurement({
            id: 'preview-latency.p50',
            unit: 'ms',
            value: samples.length ? round(p50) : null,
            reference: round(median(refs)),
            goal: '—',
            met: null,
          }),
          measurement({
            id: 'preview-latency.p95',
            unit: 'ms',
            value: samples.length ? round(p95) : null,
            reference: round(percentile(refs, 95)),
            // Two frames at 60 Hz.
            goal: '≤ 33 ms',
            met: failures.length === 0 && p95 <= 33,
          }),
          measurement({
            id: 'preview-latency.floor.p95',
            unit: 'ms',
            value: floor.length ? round(percentile(floor, 95)) : null,
            reference: round(percentile(refs, 95)),
            goal: '—',
            met: null,
          }),
        ],
        notes,
      };
    } finally {
      await browser.close();
      await preview.close();
    }
  },
};

/** The draft the page composes (the body aside), which the reference and the floor sign as it does. */
const SIGNED_DRAFT = {
  environment: 'mock',
  method: 'POST',
  path: '/transaction',
  timestampUnit: 'seconds',
  demoKey: 'full',
} as const;

interface FloorSample {
  t0: number;
  input: number;
  answered: number;
  painted: number;
}

/**
 * The floor under the row: the same keystroke into the same body, measured the same way, on a page
 * with nothing but a textarea that signs its text with a bare fetch per input event and writes the
 * signature into a text node. Served at a path of the preview's origin (answered by the browser, so
 * the page is same-origin for the API and holds none of the playground's code).
 */
async function measureFloor(
  browser: Browser,
  origin: string,
  token: string,
  body: string,
  keystrokes: number,
): Promise<FloorSample[]> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    const url = new URL('/__bench-floor', origin).href;
    await page.route(url, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><textarea spellcheck="false" style="width:700px;height:300px"></textarea><p id="sig">-</p>',
      }),
    );
    await page.goto(url);
    await page.evaluate(
      ({ draft, body, token }) => {
        const w = window as unknown as { __floor: FloorSample[]; __floorFailed?: string };
        w.__floor = [];
        const area = document.querySelector('textarea')!;
        const out = document.getElementById('sig')!;
        area.value = body;
        let t0: number | null = null;
        area.addEventListener('keydown', (e) => (t0 ??= e.timeStamp));
        // Inline, not a named const: tsx wraps those in a __name helper that the page does not have.
        area.addEventListener(
          'input',
          () =>
            void (async () => {
              const started = t0;
              const input = performance.now();
              const res = await fetch('/api/sign', {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
                body: JSON.stringify({ ...draft, body: area.value }),
              });
              const text = await res.text();
              if (!res.ok) {
                w.__floorFailed = `POST /api/sign answered ${res.status}: ${text.slice(0, 200)}`;
                return;
              }
              out.textContent = (JSON.parse(text) as { signature: string }).signature;
              const answered = performance.now();
              requestAnimationFrame(() => {
                const channel = new MessageChannel();
                channel.port1.onmessage = () => {
                  if (started !== null) w.__floor.push({ t0: started, input, answered, painted: performance.now() });
                  t0 = null;
                };
                channel.port2.postMessage(0);
              });
            })(),
        );
        area.focus();
        // The caret where the playground's is: inside the last string value.
        area.setSelectionRange(body.length - 3, body.length - 3);
      },
      { draft: SIGNED_DRAFT, body, token },
    );
    for (let i = 0; i < keystrokes; i++) {
      await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
      const failed = await page.waitForFunction(
        (n) => {
          const w = window as unknown as { __floor: unknown[]; __floorFailed?: string };
          return w.__floorFailed ?? w.__floor.length >= n;
        },
        i + 1,
        { timeout: 10_000 },
      );
      const why = await failed.jsonValue();
      if (typeof why === 'string') throw new Error(`the floor page: ${why}`);
      await page.waitForTimeout(150);
    }
    return await page.evaluate(() => (window as unknown as { __floor: FloorSample[] }).__floor);
  } finally {
    await page.close();
  }
}
