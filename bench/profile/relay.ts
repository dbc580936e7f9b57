/**
 * npm run bench -- --profile relay
 *
 * Where the time of one relayed send goes. The same GET /balance as the relay-latency row, sent
 * through POST /api/send to the embedded mock, and beside it each stage of that send run on its own,
 * on the same services and with the same inputs, many times over:
 *
 *   parse      the /api/send body: JSON.parse and the contract's schema
 *   consent    the production question (answered at once for the mock)
 *   sign       signDraft: the URL, the string-to-sign, HMAC-SHA256, the body hash, the headers
 *   upstream   relay.send to the mock and its answer read, phases recorded (less the direct call:
 *              what the relay adds to a bare round trip)
 *   redact     the redactor over the history entry
 *   record     the SQLite insert of the entry
 *   yields     the three turns given to other requests between the stages
 *   answer     the redactor again and JSON.stringify of the answer
 *   http       what is left: both HTTP servers' parsing and writing, the perimeter and the router,
 *              the client (total less the stages and the direct call)
 *
 * Medians of interleaved rounds, so a busy machine hits every stage alike. Printed as one table.
 */
import http from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SendRequest, type RelayResult } from '../../core/contract.ts';
import { requireConsent } from '../../server/consent.ts';
import { exchange } from '../../server/exchange.ts';
import { signDraft } from '../../server/signer.ts';
import { directSpec, hostPlayground, relayOk, relaySpec, send } from '../lib/playground.ts';
import { median, round } from '../lib/stats.ts';

export interface StageFigure {
  stage: string;
  ms: number;
  /** Share of what the relay adds over the direct call, in percent. */
  share: number | null;
}

export interface RelayProfile {
  totalMs: number;
  directMs: number;
  stages: StageFigure[];
  errors: number;
}

const yieldOnce = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Median milliseconds of `fn` over `rounds` rounds of `perRound` calls each. */
async function timeIt(fn: () => unknown, perRound: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < perRound; i++) await fn();
  return (performance.now() - t0) / perRound;
}

export async function profileRelay(opts: { quick: boolean }): Promise<RelayProfile> {
  const rounds = opts.quick ? 3 : 15;
  const perRound = opts.quick ? 20 : 200;
  const pg = await hostPlayground();
  const services = pg.services;
  const relayAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const directAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const spec = relaySpec(pg.port, pg.token);
  const bodyText = spec.body!.toString('utf8');
  let errors = 0;
  try {
    const request = SendRequest.parse(JSON.parse(bodyText));
    const { confirm: _c, sendId: _s, savedRequestId: _r, ...draft } = request;
    // One real exchange gives the entry that the redact, record and answer stages work on.
    const sample: RelayResult = await exchange(services, await signDraft(services, draft), 'send');
    const { id: _id, ...entry } = sample;
    const redactor = services.redactor;

    const stages: Record<string, () => unknown> = {
      total: async () => {
        if (!relayOk(await send(relayAgent, spec))) errors++;
      },
      direct: async () => {
        const reply = await send(directAgent, await directSpec(pg.mock.port));
        if (reply.status !== 200) errors++;
      },
      parse: () => {
        const parsed = SendRequest.safeParse(JSON.parse(bodyText));
        if (!parsed.success) errors++;
      },
      consent: () => requireConsent({ ...request, nowMs: services.clock() }),
      sign: () => signDraft(services, draft),
      upstream: async () => {
        const signed = await signDraft(services, draft);
        const out = await services.relay.send(
          { url: signed.url, method: signed.method, headers: signed.headers, body: signed.bodyBytes },
          services.config.relay,
        );
        if (out.response?.status !== 200) errors++;
      },
      redact: () => redactor.scrubValue(entry),
      record: () => services.history().record(redactor.scrubValue(entry)),
      yields: async () => {
        await yieldOnce();
        await yieldOnce();
        await yieldOnce();
      },
      answer: () => JSON.stringify(redactor.scrubValue(sample)),
    };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(stages).map((k) => [k, []]));
    // Warm-up, then interleaved rounds in an order that turns each round.
    const names = Object.keys(stages);
    for (const name of names) await timeIt(stages[name]!, perRound);
    errors = 0;
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? names : [...names].reverse();
      for (const name of order) samples[name]!.push(await timeIt(stages[name]!, perRound));
    }
    const m = (name: string): number => median(samples[name]!);
    const totalMs = m('total');
    const directMs = m('direct');
    const added = totalMs - directMs;
    // The relay's own round trip less the bare one, and less its signing, which is counted apart.
    const upstreamAdded = m('upstream') - m('sign') - directMs;
    const own: Array<[string, number]> = [
      ['parse', m('parse')],
      ['consent', m('consent')],
      ['sign', m('sign')],
      ['upstream', upstreamAdded],
      ['redact', m('redact')],
      ['record', m('record') - m('redact')],
      ['yields', m('yields')],
      ['answer', m('answer')],
    ];
    const counted = own.reduce((s, [, ms]) => s + ms, 0);
    own.push(['http', added - counted]);
    return {
      totalMs,
      directMs,
      errors,
      stages: own.map(([stage, ms]) => ({ stage, ms, share: added > 0 ? (100 * ms) / added : null })),
    };
  } finally {
    relayAgent.destroy();
    directAgent.destroy();
    await pg.close();
  }
}

export function formatRelayProfile(p: RelayProfile, loads: [number, number]): string {
  const added = p.totalMs - p.directMs;
  const lines = [
    `Relay profile: one POST /api/send of GET /balance to the embedded mock, ${round(p.totalMs)} ms; the same signed request straight to the mock ${round(p.directMs)} ms; the relay adds ${round(added)} ms (ratio ${round(p.totalMs / p.directMs)}).`,
    '',
    '| stage    |       ms | share of added |',
    '|:---------|---------:|---------------:|',
    ...p.stages.map(
      (s) =>
        `| ${s.stage.padEnd(8)} | ${String(round(s.ms)).padStart(8)} | ${(s.share === null ? '—' : `${round(s.share)} %`).padStart(14)} |`,
    ),
    '',
    `${p.errors} errors; 1-minute load average ${loads[0].toFixed(1)} at the start, ${loads[1].toFixed(1)} at the end. Each stage is timed on its own (see bench/profile/relay.ts), so the shares are estimates that add up to the whole by construction of "http".`,
  ];
  return lines.join('\n');
}

export async function runRelayProfile(opts: { quick: boolean }): Promise<string> {
  const before = loadavg()[0]!;
  const profile = await profileRelay(opts);
  return formatRelayProfile(profile, [before, loadavg()[0]!]);
}
