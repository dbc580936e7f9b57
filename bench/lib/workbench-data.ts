/**
 * Workbench data of a given size for the collection rows: a playground collection of N saved
 * requests in folders, and a .http file of N requests with file variables, headers and bodies. One
 * request in 100 has the search marker of history-fill.ts in its path, as one history entry in 100 does.
 */
import {
  COLLECTION_FORMAT,
  COLLECTION_VERSION,
  type Collection,
  type Folder,
  type SavedRequest,
} from '../../core/workbench/collection.ts';
import { SEARCH_MARKER } from './history-fill.ts';

const PATHS = ['/balance', '/funds', '/funds/{{fund_id}}/wallets', '/transactions/{{tx_id}}/status', '/company'];

function savedRequest(i: number): SavedRequest {
  const post = i % 7 === 0;
  return {
    type: 'request',
    name: `Request ${i}`,
    method: post ? 'POST' : 'GET',
    path: i % 100 === 0 ? `/transaction/${SEARCH_MARKER}-${i}` : post ? '/transaction' : PATHS[i % PATHS.length]!,
    headers: [{ name: 'X-Request-Id', value: `req-${i}` }],
    body: post
      ? JSON.stringify({ from: '{{wallet}}', to: `0x${i.toString(16).padStart(40, '0')}`, value: String(i) })
      : null,
    environment: i % 5 === 0 ? 'sandbox' : 'mock',
    captures: post ? [{ variable: 'tx_id', from: 'body', path: '$.txID' }] : [],
  };
}

/** `count` saved requests, 50 to a folder, folders two levels deep. */
export function bigCollection(name: string, count: number): Collection {
  const folders: Folder[] = [];
  for (let start = 0; start < count; start += 50) {
    const requests = Array.from({ length: Math.min(50, count - start) }, (_, k) => savedRequest(start + k));
    folders.push({
      type: 'folder',
      name: `Group ${start / 50}`,
      items: [
        { type: 'folder', name: 'Reads', items: requests.filter((r) => r.method === 'GET') },
        ...requests.filter((r) => r.method !== 'GET'),
      ],
    });
  }
  return {
    format: COLLECTION_FORMAT,
    version: COLLECTION_VERSION,
    name,
    variables: [
      { name: 'fund_id', value: 'F-1' },
      { name: 'tx_id', value: 'TX-1' },
      { name: 'wallet', value: '0x1' },
    ],
    items: folders,
  };
}

/** A .http file of `count` requests under `base` (the environment's base URL, as {{base}}). */
export function bigHttpFile(count: number, base: string): string {
  const out = [`@base = ${base}`, '@wallet = 0x000000000000000000000000000000000000dEaD', ''];
  for (let i = 0; i < count; i++) {
    const r = savedRequest(i);
    out.push(`### ${r.name}`, `${r.method} {{base}}${r.path}`, 'Accept: application/json', `X-Request-Id: req-${i}`);
    if (r.body !== null) out.push('Content-Type: application/json', '', r.body);
    out.push('');
  }
  return out.join('\n');
}
