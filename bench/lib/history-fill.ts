/** Fills a history database directly through the store, as if that many requests had been sent. */
import { createHash } from 'node:crypto';
import type { HistoryEntry } from '../../core/contract.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../core/signing/index.ts';
import { openHistoryStore } from '../../server/history/store.ts';

/** Paths of the entries; one entry in a hundred has the search marker in its path. */
export const SEARCH_MARKER = 'needle';

const PATHS = ['/balance', '/funds', '/transactions?archived=true', '/trustedparties', '/company'];

function entry(i: number, now: number): Omit<HistoryEntry, 'id'> {
  const method = i % 7 === 0 ? 'POST' : 'GET';
  const path =
    i % 100 === 0
      ? `/transaction/${SEARCH_MARKER}-${i}`
      : method === 'POST'
        ? '/transaction'
        : PATHS[i % PATHS.length]!;
  const url = `http://127.0.0.1:8002/qapi/v1${path}`;
  const timestamp = String(Math.floor(now / 1000) - i);
  const body =
    method === 'POST' ? JSON.stringify({ asset: 'BTC', amount: i, to: `0x${i.toString(16).padStart(40, '0')}` }) : null;
  const responseBody = JSON.stringify({
    assets: { BTC: { total: i * 1000, available: i * 900 }, ETH: { total: i, available: i } },
  });
  const status = i % 23 === 0 ? 401 : 200;
  const signature = createHash('sha256').update(String(i)).digest('base64url');
  const sts = `${timestamp}${method}${url}${body ?? ''}`;
  return {
    kind: 'send',
    createdAt: now - i * 1000,
    environment: i % 5 === 0 ? 'sandbox' : 'mock',
    keyId: 'P15GkHVm8aEWC-',
    request: {
      method,
      url,
      path,
      headers: {
        host: '127.0.0.1:8002',
        [HEADER_KEY]: 'P15GkHVm8aEWC-',
        [HEADER_TIMESTAMP]: timestamp,
        [HEADER_SIGNATURE]: signature,
        accept: 'application/json',
        connection: 'keep-alive',
      },
      body,
    },
    timestamp,
    signature,
    stringToSign: {
      segments: [
        { name: 'timestamp', text: timestamp, offset: 0, length: timestamp.length },
        { name: 'method', text: method, offset: timestamp.length, length: method.length },
        { name: 'url', text: url, offset: timestamp.length + method.length, length: url.length },
        {
          name: 'body',
          text: body ?? '',
          offset: timestamp.length + method.length + url.length,
          length: (body ?? '').length,
        },
      ],
      byteLength: sts.length,
    },
    hashes: {
      signedBodySha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      sentBodySha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    },
    response: {
      status,
      statusText: status === 200 ? 'OK' : 'Unauthorized',
      headers: { 'content-type': 'application/json', 'content-length': String(responseBody.length) },
      body: responseBody,
      bodyEncoding: 'utf8',
      size: responseBody.length,
      truncated: false,
    },
    error: null,
    timings: { ttfbMs: 1 + (i % 50) / 10, totalMs: 2 + (i % 50) / 10 },
  };
}

/** Records `count` entries, oldest first, so entry 0 is the newest. Answers the entries with the marker. */
export function fillHistory(dir: string, count: number): { matching: number } {
  const store = openHistoryStore({ dir });
  const now = Date.now();
  let matching = 0;
  try {
    for (let i = count - 1; i >= 0; i--) {
      if (i % 100 === 0) matching++;
      store.record(entry(i, now));
    }
  } finally {
    store.close();
  }
  return { matching };
}
