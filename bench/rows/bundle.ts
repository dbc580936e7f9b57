/**
 * bundle: the gzip size (zlib level 9) of the JavaScript the first screen needs, read from the built
 * index.html (the entry script and its modulepreload imports), and the time to interactive under
 * `vite preview`: navigation start to the Send button on screen and enabled, in a fresh browser
 * context each time (cold cache), median of several loads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { shimNames } from '../lib/page.ts';
import { launchChromium } from '../../test-support/chromium.ts';
import { DIST, ensureBuild, startPreview } from '../lib/preview.ts';
import { median, round } from '../lib/stats.ts';
import { measurement, type BenchRow } from '../lib/types.ts';

const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The entry module and its modulepreload links, as paths under the build directory. */
export function firstScreenScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) out.push(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) out.push(m[1]!);
  return [...new Set(out)].filter((p) => p.startsWith('/'));
}

type Stamp = { interactive: number | null };

export const bundle: BenchRow = {
  id: 'bundle',
  browser: true,
  async run(ctx) {
    await ensureBuild(ctx.root, ctx.log);
    const dist = join(ctx.root, DIST);
    const scripts = firstScreenScripts(readFileSync(join(dist, 'index.html'), 'utf8'));
    const firstScreen = scripts.reduce((sum, p) => sum + gzipSize(join(dist, p)), 0);

    const loads = ctx.quick ? 1 : 7;
    const preview = await startPreview(ctx.root);
    const browser = await launchChromium();
    const tti: number[] = [];
    const fetched = new Set<string>();
    try {
      for (let i = 0; i < loads; i++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        await shimNames(page);
        await page.addInitScript(() => {
          const w = window as unknown as { __tti: Stamp };
          w.__tti = { interactive: null };
          const check = () => {
            if (w.__tti.interactive !== null) return;
            const send = [...document.querySelectorAll('button')].find(
              (b) => b.type === 'submit' && b.textContent.trim().startsWith('Send'),
            );
            if (send && !send.disabled) {
              w.__tti.interactive = performance.now();
              observer.disconnect();
            }
          };
          const observer = new MutationObserver(check);
          document.addEventListener('DOMContentLoaded', () => {
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
            check();
          });
        });
        await page.goto(preview.url);
        await page.waitForFunction(
          () => (window as unknown as { __tti: Stamp }).__tti.interactive !== null,
          undefined,
          { timeout: 30_000 },
        );
        tti.push(await page.evaluate(() => (window as unknown as { __tti: Stamp }).__tti.interactive!));
        // What the first screen really fetched, lazy chunks included, once it has settled.
        await page.waitForLoadState('networkidle');
        const names = await page.evaluate(() =>
          performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname),
        );
        for (const n of names) if (n.endsWith('.js')) fetched.add(n);
        await context.close();
      }
    } finally {
      await browser.close();
      await preview.close();
    }
    const fetchedSize = [...fetched].reduce((sum, p) => sum + gzipSize(join(dist, p)), 0);
    const kb = (bytes: number) => round(bytes / 1000);
    return {
      measurements: [
        measurement({
          id: 'bundle.first-screen-js',
          unit: 'kB gzip',
          value: kb(firstScreen),
          reference: null,
          goal: '≤ 150 kB',
          met: firstScreen <= 150_000,
        }),
        measurement({
          id: 'bundle.time-to-interactive',
          unit: 'ms',
          value: round(median(tti)),
          reference: null,
          goal: '—',
          met: null,
        }),
      ],
      notes: [
        `bundle: first screen = ${scripts.join(', ')} (kB = 1,000 bytes, gzip level 9); all JavaScript the page fetched by network idle (lazy chunks included): ${[...fetched].join(', ')} = ${kb(fetchedSize)} kB gzip.`,
        `bundle: time to interactive = navigation start → Send button enabled, median of ${loads} cold loads (${tti.map((t) => Math.round(t)).join(', ')} ms); no reference.`,
      ],
    };
  },
};
