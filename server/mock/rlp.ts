/** Minimal RLP encoding, enough to give the mock's `rawTX` and `signedTx` a genuine EVM shape. */

import { itemAt } from '../../core/checked.ts';

export type RlpItem = Uint8Array | RlpItem[];

function lengthPrefix(length: number, shortBase: number): Uint8Array {
  if (length < 56) return Uint8Array.of(shortBase + length);
  const bytes = quantity(BigInt(length));
  return Uint8Array.of(shortBase + 55 + bytes.length, ...bytes);
}

export function rlpEncode(item: RlpItem): Uint8Array {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && itemAt(item, 0) < 0x80) return item;
    return Buffer.concat([lengthPrefix(item.length, 0x80), item]);
  }
  const body = Buffer.concat(item.map(rlpEncode));
  return Buffer.concat([lengthPrefix(body.length, 0xc0), body]);
}

/** A non-negative integer as minimal big-endian bytes (zero is the empty string). */
export function quantity(n: bigint): Uint8Array {
  if (n === 0n) return new Uint8Array(0);
  let h = n.toString(16);
  if (h.length % 2) h = `0${h}`;
  return Uint8Array.from(Buffer.from(h, 'hex'));
}

export function hexBytes(text: string): Uint8Array {
  const h = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
  return Uint8Array.from(Buffer.from(h, 'hex'));
}
