/** JSON bodies of a given size, shaped like Qredo transaction lists, for fake upstreams and the bench. */

function item(i: number, accents: boolean): string {
  return JSON.stringify({
    id: `tx-${i.toString(36).padStart(8, '0')}`,
    amount: (i * 7919) % 100_000,
    asset: i % 3 === 0 ? 'ETH' : 'BTC',
    memo: accents && i % 10 === 0 ? 'Zahlung für Café' : 'payment for services',
  });
}

/**
 * A minified JSON array of exactly `bytes` UTF-8 bytes (trailing spaces make up the last few), mostly
 * ASCII; with `accents`, one item in ten has non-ASCII text, as real bodies sometimes do.
 */
export function jsonBody(bytes: number, accents = false): string {
  const items: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes - 200; i++) {
    const s = item(i, accents);
    items.push(s);
    size += Buffer.byteLength(s) + 1;
  }
  const text = `[${items.join(',')}]`;
  const pad = bytes - Buffer.byteLength(text);
  return pad > 0 ? `${text}${' '.repeat(pad)}` : text;
}

/** A JSON array of about `bytes` bytes that ends in a string, so typing before the final `"}]` keeps it valid. */
export function editableBody(bytes: number): string {
  const items: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const s = item(i, false);
    items.push(s);
    size += s.length + 1;
  }
  return `[${items.join(',')}]`;
}

/** A JSON document of roughly `size` bytes: an array of small records. */
export function largeJson(size: number): string {
  const records: string[] = [];
  let length = 2;
  for (let i = 0; length < size; i++) {
    const record = JSON.stringify({
      index: i,
      txID: `tx-${i.toString(16).padStart(8, '0')}`,
      status: i % 3 === 0 ? 'pending' : 'confirmed',
      amount: (i * 7919) % 100_000,
      note: 'filler so that the body is large enough to need the gate',
    });
    records.push(record);
    length += record.length + 1;
  }
  return `{"items":[${records.join(',')}]}`;
}
