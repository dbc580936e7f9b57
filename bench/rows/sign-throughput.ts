/**
 * sign-throughput: MB/s signing a 1 MiB body through the core (buildStringToSign, then sign with the
 * server's node:crypto HMAC), against a bare node:crypto createHmac over the same string-to-sign
 * bytes, and `openssl dgst -sha256 -mac HMAC` over the same bytes when openssl is installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildStringToSign, decodeSecret, sign } from '../../core/signing/index.ts';
import { nodeHmac } from '../../server/crypto.ts';
import { findDemoKey } from '../../server/mock/keys.ts';
import { jsonBody } from '../../test-support/bodies.ts';
import { tempDir } from '../../test-support/temp-dirs.ts';
import { median, round } from '../lib/stats.ts';
import { measurement, type BenchRow } from '../lib/types.ts';

/** Runs `fn` repeatedly for about `ms`; answers MB/s for `bytesPerCall`. */
async function rate(fn: () => unknown, bytesPerCall: number, ms: number): Promise<number> {
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    await fn();
    calls++;
    t = performance.now();
  }
  return (calls * bytesPerCall) / 1e6 / ((t - t0) / 1000);
}

function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

/** openssl dgst over a file of the bytes repeated, less the time of the same command on an empty file. */
function opensslRate(bytes: Uint8Array, keyHex: string, repeats: number, rounds: number): number {
  const dir = tempDir('qredo-bench-openssl-');
  try {
    const big = join(dir, 'big');
    const empty = join(dir, 'empty');
    writeFileSync(big, Buffer.concat(Array.from({ length: repeats }, () => bytes)));
    writeFileSync(empty, '');
    const time = (file: string) => {
      const t0 = performance.now();
      execFileSync('openssl', ['dgst', '-sha256', '-mac', 'HMAC', '-macopt', `hexkey:${keyHex}`, file], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      return performance.now() - t0;
    };
    const rates: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const ms = time(big) - time(empty);
      rates.push((bytes.length * repeats) / 1e6 / (Math.max(ms, 0.001) / 1000));
    }
    return median(rates);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const signThroughput: BenchRow = {
  id: 'sign-throughput',
  browser: false,
  async run(ctx) {
    const size = ctx.quick ? 64 * 1024 : 1024 * 1024;
    const roundMs = ctx.quick ? 30 : 300;
    const rounds = ctx.quick ? 2 : 7;
    const body = jsonBody(size, true);
    const decoded = decodeSecret(findDemoKey('full').secret);
    if (!decoded.ok) throw new Error(decoded.error);
    const key = decoded.key;
    const input = { timestamp: '1700000000', method: 'POST', url: 'http://127.0.0.1:8002/qapi/v1/transaction', body };
    const bytes = buildStringToSign(input).bytes;

    // The two must agree, or the comparison is meaningless.
    const viaCore = (await sign(nodeHmac, key, buildStringToSign(input))).mac;
    const bare = createHmac('sha256', key).update(bytes).digest();
    if (Buffer.compare(Buffer.from(viaCore), bare) !== 0)
      throw new Error('The core and node:crypto disagree on the MAC.');

    const core: number[] = [];
    const reference: number[] = [];
    // Not rows, but what bounds the row: node:crypto fed the text (so that it pays the UTF-8
    // encoding as the core does); the encoding alone; and the core over an ASCII body of the same
    // size, which V8 holds one byte per character and encodes at memory speed. The accented body
    // holds characters above U+00FF, so V8 holds all of it two bytes per character.
    const fromText: number[] = [];
    const encodeOnly: number[] = [];
    const asciiCore: number[] = [];
    const asciiReference: number[] = [];
    const text = buildStringToSign(input).text;
    const encoder = new TextEncoder();
    const scratch = new Uint8Array(text.length * 3);
    const asciiInput = { ...input, body: jsonBody(size, false) };
    const asciiBytes = buildStringToSign(asciiInput).bytes;
    for (let i = 0; i < rounds; i++) {
      core.push(await rate(() => sign(nodeHmac, key, buildStringToSign(input)), bytes.length, roundMs));
      reference.push(await rate(() => createHmac('sha256', key).update(bytes).digest(), bytes.length, roundMs));
      fromText.push(await rate(() => createHmac('sha256', key).update(text, 'utf8').digest(), bytes.length, roundMs));
      encodeOnly.push(await rate(() => encoder.encodeInto(text, scratch), bytes.length, roundMs));
      asciiCore.push(await rate(() => sign(nodeHmac, key, buildStringToSign(asciiInput)), asciiBytes.length, roundMs));
      asciiReference.push(
        await rate(() => createHmac('sha256', key).update(asciiBytes).digest(), asciiBytes.length, roundMs),
      );
    }
    const ours = median(core);
    const ref = median(reference);
    // Encoding and hashing one after the other, each at its own measured speed: what the core can reach.
    const serial = 1 / (1 / median(encodeOnly) + 1 / ref);
    const notes = [
      `sign-throughput: a ${(size / 1024).toFixed(0)} KiB JSON body with accented text (string-to-sign ${bytes.length} bytes); core = buildStringToSign (UTF-8 encoding included) + sign(nodeHmac); reference = createHmac over the same bytes; median of ${rounds} interleaved rounds of ${roundMs} ms. For comparison, createHmac fed the same text (so it encodes it too): ${round(median(fromText))} MB/s; TextEncoder.encodeInto of that text alone, into memory already written: ${round(median(encodeOnly))} MB/s; the core over an ASCII body of the same size: ${round(median(asciiCore))} MB/s against ${round(median(asciiReference))} MB/s bare (ratio ${round(median(asciiCore) / median(asciiReference))}). The text must be encoded once (the same bytes are sent), so the encoding, then the HMAC, at the speeds above, reach at most ${round(serial)} MB/s (ratio ${round(serial / ref)}); the core is at ${round((100 * ours) / serial)} % of that.`,
    ];
    const measurements = [
      measurement({
        id: 'sign-throughput',
        unit: 'MB/s',
        value: round(ours),
        reference: round(ref),
        goal: 'ratio ≥ 0.8',
        met: ours / ref >= 0.8,
      }),
    ];
    if (hasOpenssl()) {
      const openssl = opensslRate(bytes, Buffer.from(key).toString('hex'), ctx.quick ? 4 : 64, ctx.quick ? 1 : 5);
      measurements.push(
        measurement({
          id: 'sign-throughput.vs-openssl',
          unit: 'MB/s',
          value: round(ours),
          reference: round(openssl),
          goal: '—',
          met: null,
        }),
      );
      notes.push(
        `sign-throughput.vs-openssl: reference = \`openssl dgst -sha256 -mac HMAC\` over the same bytes repeated ${ctx.quick ? 4 : 64}×, less the time of the same command on an empty file.`,
      );
    } else {
      notes.push('sign-throughput: openssl is not installed, so there is no openssl reference.');
    }
    return { measurements, notes };
  },
};
