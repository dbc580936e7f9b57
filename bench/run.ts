/**
 * npm run bench [-- --quick] [-- --only id,id] [-- --json FILE]
 * npm run bench -- --profile relay [--quick]
 *
 * Runs each row in bench/rows/ and prints one table at the end: our figure, the reference measured in
 * the same run, the ratio, the goal and whether it is met. See bench/README.md for how to read it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM_PATH, hasChromium } from '../test-support/chromium.ts';
import { formatTable } from './lib/table.ts';
import { runRelayProfile } from './profile/relay.ts';
import type { BenchContext, Measurement } from './lib/types.ts';
import { ROWS } from './rows/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'string' },
    profile: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`npm run bench -- [--quick] [--only ${ROWS.map((r) => r.id).join(',')}] [--json FILE]`);
  console.log('npm run bench -- --profile relay [--quick]   where the time of one relayed send goes, by stage');
  process.exit(0);
}

if (values.profile !== undefined) {
  if (values.profile !== 'relay') {
    console.error(`Unknown profile: ${values.profile}. Profiles: relay.`);
    process.exit(2);
  }
  console.log(await runRelayProfile({ quick: values.quick }));
  process.exit(0);
}

const wanted = values.only
  ? values.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  : ROWS.map((r) => r.id);
const unknown = wanted.filter((id) => !ROWS.some((r) => r.id === id));
if (unknown.length > 0) {
  console.error(
    `Unknown row${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Rows: ${ROWS.map((r) => r.id).join(', ')}.`,
  );
  process.exit(2);
}

const ctx: BenchContext = { quick: values.quick, root, log: (line) => console.error(line) };
const measurements: Measurement[] = [];
const notes: string[] = [];
const started = Date.now();
const loadBefore = loadavg()[0]!;
let failed = false;

for (const row of ROWS.filter((r) => wanted.includes(r.id))) {
  const t0 = Date.now();
  ctx.log(`▶ ${row.id}${ctx.quick ? ' (quick)' : ''}`);
  if (row.browser && !hasChromium()) {
    failed = true;
    measurements.push({ id: row.id, unit: '', value: null, reference: null, ratio: null, goal: '—', met: null });
    notes.push(
      `${row.id}: FAILED: no chromium at ${CHROMIUM_PATH} (run scripts/ensure-tools.sh, or set CHROMIUM_PATH).`,
    );
    continue;
  }
  try {
    const result = await row.run(ctx);
    measurements.push(...result.measurements);
    notes.push(...result.notes);
  } catch (error) {
    failed = true;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    ctx.log(`✗ ${row.id} failed: ${message}`);
    measurements.push({ id: row.id, unit: '', value: null, reference: null, ratio: null, goal: '—', met: null });
    notes.push(`${row.id}: FAILED: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
  ctx.log(`  ${row.id} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log('');
console.log(formatTable(measurements));
console.log('');
for (const note of notes) console.log(`- ${note}`);
console.log(
  `\n${ctx.quick ? 'Quick run (tiny sizes: the figures are not meaningful)' : 'Full run'} in ${seconds} s on ${cpus().length} cores; 1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end.`,
);

if (values.json) {
  const file = resolve(process.cwd(), values.json);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(measurements, null, 2)}\n`);
  ctx.log(`wrote ${file}`);
}
process.exitCode = failed ? 1 : 0;
