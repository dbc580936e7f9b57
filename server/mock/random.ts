/**
 * Deterministic randomness for the mock's seeded data. Nothing here reads the clock or Math.random:
 * the same seed gives the same sequence on every start, so the data looks the same every time.
 */
import { createHash } from 'node:crypto';

/** A small 32-bit PRNG (mulberry32). Good enough for plausible-looking fixtures, not for secrets. */
export class SeededRandom {
  private state: number;

  constructor(seed: string | number) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hashSeed(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick() from an empty list');
    return item;
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
}

function hashSeed(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** Bytes derived from a label, for IDs that must follow from their inputs (e.g. a transaction). */
export function derivedBytes(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let filled = 0;
  for (let block = 0; filled < length; block++) {
    const digest = createHash('sha256').update(`${label}#${block}`).digest();
    const take = Math.min(digest.length, length - filled);
    out.set(digest.subarray(0, take), filled);
    filled += take;
  }
  return out;
}

// ---- ID formats ---------------------------------------------------------------------------------

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const KSUID_EPOCH = 1_400_000_000;

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function encodeBase(n: bigint, alphabet: string): string {
  const base = BigInt(alphabet.length);
  let out = '';
  while (n > 0n) {
    out = alphabet.charAt(Number(n % base)) + out;
    n /= base;
  }
  return out;
}

/**
 * A 27-character K-sortable ID (4 bytes of seconds since 2014-05-13 plus 16 payload bytes, base62),
 * the shape Qredo uses for fund, transaction and custody-group IDs, e.g. `2H1uS4xWxmqYsXvvBQJ8Ns4PjXl`.
 */
export function ksuid(unixSeconds: number, payload: Uint8Array): string {
  const bytes = new Uint8Array(20);
  const offset = Math.max(0, Math.floor(unixSeconds) - KSUID_EPOCH);
  bytes[0] = (offset >>> 24) & 0xff;
  bytes[1] = (offset >>> 16) & 0xff;
  bytes[2] = (offset >>> 8) & 0xff;
  bytes[3] = offset & 0xff;
  bytes.set(payload.subarray(0, 16), 4);
  return encodeBase(toBigInt(bytes), BASE62).padStart(27, '0');
}

/** Base58 of 32 bytes (43 or 44 characters): the shape of Qredo wallet, user and account IDs. */
export function base58Id(bytes: Uint8Array): string {
  return encodeBase(toBigInt(bytes), BASE58);
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
