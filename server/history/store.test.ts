import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../core/contract.ts';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../core/signing/index.ts';
import { HISTORY_FILE, SCHEMA_VERSION, openHistoryStore } from './store.ts';
import type { HistoryStore } from './store.ts';

type NewEntry = Omit<HistoryEntry, 'id'>;

const dirs: string[] = [];
const stores: HistoryStore[] = [];
afterEach(() => {
  while (stores.length) stores.pop()!.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'history-test-'));
  dirs.push(d);
  return d;
}

function open(dir: string, bodyCapBytes?: number): HistoryStore {
  const s = openHistoryStore({ dir, bodyCapBytes });
  stores.push(s);
  return s;
}

let clock = 1_700_000_000_000;

function entry(
  over: Partial<NewEntry> & {
    status?: number | null;
    path?: string;
    method?: string;
    reqBody?: string | null;
    resBody?: string;
  } = {},
): NewEntry {
  const { status = 200, path = '/funds', method = 'GET', reqBody = null, resBody = '{"ok":true}', ...rest } = over;
  clock += 1000;
  return {
    kind: 'send',
    createdAt: clock,
    environment: 'mock',
    keyId: 'key-1',
    request: {
      method,
      url: `http://127.0.0.1:8002/qapi/v1${path}`,
      path,
      headers: {
        host: '127.0.0.1:8002',
        [HEADER_KEY]: 'key-1',
        [HEADER_TIMESTAMP]: '1700000000',
        [HEADER_SIGNATURE]: 'sig',
        connection: 'keep-alive',
      },
      body: reqBody,
    },
    timestamp: '1700000000',
    signature: 'sig',
    stringToSign: { segments: [{ name: 'timestamp', text: '1700000000', offset: 0, length: 10 }], byteLength: 10 },
    hashes: { signedBodySha256: 'a'.repeat(64), sentBodySha256: 'a'.repeat(64) },
    response:
      status === null
        ? null
        : {
            status,
            statusText: 'OK',
            headers: { 'content-type': 'application/json' },
            body: resBody,
            bodyEncoding: 'utf8',
            size: Buffer.byteLength(resBody),
            truncated: false,
          },
    error:
      status === null
        ? { code: 'upstream-unreachable', message: 'Nothing is listening at 127.0.0.1:8002 (connection refused).' }
        : null,
    timings: { ttfbMs: status === null ? null : 3.25, totalMs: 4.5 },
    ...rest,
  };
}

const all = { limit: 1000, offset: 0 };

describe('history store', () => {
  it('round-trips every field of an entry', () => {
    const s = open(tempDir());
    const e = entry({
      kind: 'replay',
      environment: 'sandbox',
      method: 'post',
      path: '/company/1/transfer?x=%20y',
      reqBody: '{\r\n\t"amount": "1.5",\u00e9\u{1d11e}\n}',
      resBody: '{"txID":"abc"}',
    });
    const rec = s.record(e);
    expect(rec.id).toBeGreaterThan(0);
    expect(rec).toEqual({ ...e, id: rec.id });
    expect(s.get(rec.id)).toEqual({ ...e, id: rec.id });
    const failure = entry({ status: null });
    const rf = s.record(failure);
    expect(s.get(rf.id)).toEqual({ ...failure, id: rf.id });
    expect(s.get(9999)).toBeNull();
  });

  it('lists newest first, with paging and totals', () => {
    const s = open(tempDir());
    const ids = Array.from({ length: 25 }, (_, i) => s.record(entry({ path: `/p/${i}` })).id);
    const newestFirst = [...ids].reverse();
    const p1 = s.list({ limit: 10, offset: 0 });
    expect(p1.entries.map((x) => x.id)).toEqual(newestFirst.slice(0, 10));
    expect(p1).toMatchObject({ total: 25, limit: 10, offset: 0 });
    const p3 = s.list({ limit: 10, offset: 20 });
    expect(p3.entries.map((x) => x.id)).toEqual(newestFirst.slice(20));
    expect(p3.total).toBe(25);
    expect(s.list({ limit: 10, offset: 40 })).toMatchObject({ entries: [], total: 25 });
    expect(s.list({ limit: 5, offset: 25 })).toMatchObject({ entries: [], total: 25 });
    expect(p1.entries[0]).toEqual({
      id: ids[24],
      kind: 'send',
      createdAt: expect.any(Number),
      environment: 'mock',
      method: 'GET',
      path: '/p/24',
      status: 200,
      errorCode: null,
      totalMs: 4.5,
      size: 11,
      keyId: 'key-1',
    });
  });

  it('orders by creation time, then id, even when times tie or arrive out of order', () => {
    const s = open(tempDir());
    const a = s.record({ ...entry(), createdAt: 5000 }).id;
    const b = s.record({ ...entry(), createdAt: 3000 }).id;
    const c = s.record({ ...entry(), createdAt: 5000 }).id;
    expect(s.list(all).entries.map((x) => x.id)).toEqual([c, a, b]);
  });

  it('filters by environment, method and status class', () => {
    const s = open(tempDir());
    s.record(entry({ environment: 'mock', method: 'GET', status: 200 }));
    s.record(entry({ environment: 'sandbox', method: 'POST', status: 201 }));
    s.record(entry({ environment: 'sandbox', method: 'GET', status: 302 }));
    s.record(entry({ environment: 'production', method: 'DELETE', status: 404 }));
    s.record(entry({ environment: 'mock', method: 'PUT', status: 503 }));
    s.record(entry({ environment: 'mock', method: 'GET', status: null }));
    const paths = (q: Parameters<HistoryStore['list']>[0]) =>
      s.list(q).entries.map((x) => `${x.environment} ${x.method} ${x.status ?? x.errorCode}`);
    expect(paths({ ...all, environment: 'sandbox' })).toEqual(['sandbox GET 302', 'sandbox POST 201']);
    expect(paths({ ...all, method: 'GET' })).toEqual([
      'mock GET upstream-unreachable',
      'sandbox GET 302',
      'mock GET 200',
    ]);
    expect(paths({ ...all, status: '2xx' })).toEqual(['sandbox POST 201', 'mock GET 200']);
    expect(paths({ ...all, status: '3xx' })).toEqual(['sandbox GET 302']);
    expect(paths({ ...all, status: '4xx' })).toEqual(['production DELETE 404']);
    expect(paths({ ...all, status: '5xx' })).toEqual(['mock PUT 503']);
    expect(paths({ ...all, status: 'error' })).toEqual(['mock GET upstream-unreachable']);
    expect(paths({ ...all, environment: 'mock', method: 'GET', status: '2xx' })).toEqual(['mock GET 200']);
    expect(s.list({ ...all, environment: 'mock', method: 'GET' }).total).toBe(2);
    expect(s.list({ limit: 1, offset: 0, environment: 'mock' }).total).toBe(3);
  });

  it('searches path, request body and response body, case-insensitively', () => {
    const s = open(tempDir());
    const byPath = s.record(entry({ path: '/company/ACME/funds' })).id;
    const byReq = s.record(entry({ method: 'POST', reqBody: '{"memo":"Rent for ACME"}' })).id;
    const byRes = s.record(entry({ resBody: '{"name":"acme holdings"}' })).id;
    s.record(entry({ path: '/other', resBody: '{"name":"Émile"}' }));
    expect(s.list({ ...all, q: 'acme' }).entries.map((x) => x.id)).toEqual([byRes, byReq, byPath]);
    expect(s.list({ ...all, q: 'AcMe' }).total).toBe(3);
    expect(s.list({ ...all, q: 'émile' }).total).toBe(1);
    expect(s.list({ ...all, q: 'ÉMILE' }).total).toBe(1);
    expect(s.list({ ...all, q: 'acme', method: 'POST' }).entries.map((x) => x.id)).toEqual([byReq]);
    expect(s.list({ ...all, q: 'nowhere' })).toMatchObject({ entries: [], total: 0 });
    expect(s.list({ ...all, q: '' }).total).toBe(4);
  });

  it('treats % and _ in the search text as literal characters', () => {
    const s = open(tempDir());
    const pct = s.record(entry({ reqBody: '{"rate":"50%"}' })).id;
    const under = s.record(entry({ path: '/funds?sort=created_at' })).id;
    s.record(entry({ reqBody: '{"rate":"50 basis points"}', path: '/funds?sort=createdXat' }));
    expect(s.list({ ...all, q: '50%' }).entries.map((x) => x.id)).toEqual([pct]);
    expect(s.list({ ...all, q: '%' }).entries.map((x) => x.id)).toEqual([pct]);
    expect(s.list({ ...all, q: 'created_at' }).entries.map((x) => x.id)).toEqual([under]);
    expect(s.list({ ...all, q: '_' }).entries.map((x) => x.id)).toEqual([under]);
    expect(s.list({ ...all, q: '\\' }).total).toBe(0);
  });

  it('treats GLOB metacharacters as literal and finds short and split-up text correctly', () => {
    const s = open(tempDir());
    const star = s.record(entry({ reqBody: '{"pattern":"a*b?c[d]"}' })).id;
    const split = s.record(entry({ reqBody: 'abc bcd' })).id;
    const whole = s.record(entry({ reqBody: 'xabcdx' })).id;
    expect(s.list({ ...all, q: 'a*b?c[d]' }).entries.map((x) => x.id)).toEqual([star]);
    expect(s.list({ ...all, q: '*' }).entries.map((x) => x.id)).toEqual([star]);
    expect(s.list({ ...all, q: '[' }).entries.map((x) => x.id)).toEqual([star]);
    expect(s.list({ ...all, q: 'a*x' }).total).toBe(0);
    // Both trigrams of "abcd" occur in "abc bcd", but not the text itself.
    expect(s.list({ ...all, q: 'abcd' }).entries.map((x) => x.id)).toEqual([whole]);
    expect(s.list({ ...all, q: 'bc' }).entries.map((x) => x.id)).toEqual([whole, split]);
    expect(s.list({ ...all, q: 'X' }).entries.map((x) => x.id)).toEqual([whole]);
  });

  it('applies search tokens: status, method, env, key (by name or id), path prefix, with free text', () => {
    const s = openHistoryStore({ dir: tempDir(), keyAliases: { 'read-only': 'ro-key' } });
    stores.push(s);
    const postForbidden = s.record(entry({ method: 'POST', status: 403, path: '/transaction', keyId: 'ro-key' })).id;
    const getForbidden = s.record(entry({ method: 'GET', status: 403, path: '/funds/1' })).id;
    const postOk = s.record(entry({ method: 'post', status: 200, path: '/transaction', resBody: '{"acme":1}' })).id;
    const failed = s.record(entry({ status: null, path: '/funds', environment: 'sandbox' })).id;
    const prod = s.record(entry({ status: 401, path: '/balance', environment: 'production' })).id;
    const ids = (q: string) => s.list({ ...all, q }).entries.map((x) => x.id);

    expect(ids('status:403 method:POST')).toEqual([postForbidden]);
    expect(ids('status:403')).toEqual([getForbidden, postForbidden]);
    expect(ids('status:4xx')).toEqual([prod, getForbidden, postForbidden]);
    expect(ids('status:401 status:200')).toEqual([prod, postOk]);
    expect(ids('status:error')).toEqual([failed]);
    // Methods are compared in any case; the entry keeps the method as sent.
    expect(ids('method:post')).toEqual([postOk, postForbidden]);
    expect(ids('env:production')).toEqual([prod]);
    expect(ids('env:sandbox env:production')).toEqual([prod, failed]);
    expect(ids('key:read-only')).toEqual([postForbidden]);
    expect(ids('key:ro-key')).toEqual([postForbidden]);
    expect(ids('key:nobody')).toEqual([]);
    expect(ids('path:/funds')).toEqual([failed, getForbidden]);
    expect(ids('path:/funds/')).toEqual([getForbidden]);
    expect(ids('path:/transaction acme')).toEqual([postOk]);
    expect(ids('method:POST acme missing')).toEqual([]);
    // A token with the explicit filters: both must hold.
    expect(s.list({ ...all, q: 'status:4xx', environment: 'mock' }).entries.map((x) => x.id)).toEqual([
      getForbidden,
      postForbidden,
    ]);
    expect(s.list({ ...all, q: 'status:403 method:POST' }).total).toBe(1);
  });

  it('deletes one entry and clears them all', () => {
    const s = open(tempDir());
    const a = s.record(entry({ reqBody: 'needle' })).id;
    const b = s.record(entry()).id;
    expect(s.count()).toBe(2);
    expect(s.delete(a)).toBe(true);
    expect(s.delete(a)).toBe(false);
    expect(s.get(a)).toBeNull();
    expect(s.list({ ...all, q: 'needle' }).total).toBe(0);
    expect(s.list(all).entries.map((x) => x.id)).toEqual([b]);
    s.record(entry());
    expect(s.clear()).toBe(2);
    expect(s.list({ ...all, q: 'ok' }).total).toBe(0);
    expect(s.count()).toBe(0);
    expect(s.list(all)).toMatchObject({ entries: [], total: 0 });
    // Ids are never reused, so a stale link never shows a different entry.
    expect(s.record(entry()).id).toBeGreaterThan(b + 1);
  });

  it('keeps the search index exact across indexing batches, deletes and clear', () => {
    const dir = tempDir();
    const s = open(dir);
    // 600 entries: two full indexing batches and some still waiting.
    const ids = Array.from({ length: 600 }, (_, i) => s.record(entry({ reqBody: `{"n":"item-${i}-end"}` })).id);
    s.delete(ids[0]!); // indexed
    s.delete(ids[599]!); // not indexed yet
    expect(s.list({ ...all, q: 'item-0-end' }).total).toBe(0);
    expect(s.list({ ...all, q: 'item-599-end' }).total).toBe(0);
    expect(s.list({ ...all, q: 'item-598-end' }).entries.map((x) => x.id)).toEqual([ids[598]]);
    expect(s.list({ limit: 5, offset: 0, q: '-end' }).total).toBe(598);
    // Entries written by another connection (another process) are found too.
    const other = openHistoryStore({ dir });
    const fromOther = other.record(entry({ reqBody: 'written elsewhere' })).id;
    other.close();
    expect(s.list({ ...all, q: 'elsewhere' }).entries.map((x) => x.id)).toEqual([fromOther]);
    const db = new Database(join(dir, HISTORY_FILE));
    db.exec(`INSERT INTO entry_search_index (entry_search_index) VALUES ('integrity-check')`);
    s.clear();
    db.exec(`INSERT INTO entry_search_index (entry_search_index) VALUES ('integrity-check')`);
    const after = s.record(entry({ reqBody: 'item-after-clear' })).id;
    expect(s.list({ ...all, q: 'item-' }).entries.map((x) => x.id)).toEqual([after]);
    db.exec(`INSERT INTO entry_search_index (entry_search_index) VALUES ('integrity-check')`);
    db.close();
  });

  it('survives closing and reopening', () => {
    const dir = tempDir();
    const first = openHistoryStore({ dir });
    const e = entry({ reqBody: '{"persist":true}' });
    const id = first.record(e).id;
    first.close();
    const again = open(dir);
    expect(again.get(id)).toEqual({ ...e, id });
    expect(again.list({ ...all, q: 'persist' }).total).toBe(1);
    expect(() => first.list(all)).toThrow(/closed/);
  });

  it('cuts bodies at the cap on a character boundary and marks them', () => {
    const s = open(tempDir(), 10);
    // "é" is two bytes: the cut at 10 bytes would fall inside the fifth one.
    const e = entry({ method: 'POST', reqBody: 'ééééééé', resBody: 'abcdefghijklmnop' });
    const rec = s.record(e);
    const got = s.get(rec.id)!;
    expect(got.request.body).toBe('ééééé');
    expect(got.request.bodyTruncated).toBe(true);
    expect(got.response?.body).toBe('abcdefghij');
    expect(got.response?.truncated).toBe(true);
    expect(got.response?.size).toBe(16); // what the relay received stays on record
    expect(rec).toEqual(got);

    const fits = s.get(s.record(entry({ reqBody: 'éééee', resBody: '0123456789' })).id)!;
    expect(fits.request.body).toBe('éééee');
    expect(fits.request.bodyTruncated).toBeUndefined();
    expect(fits.response?.truncated).toBe(false);

    const bytes = Buffer.from(Array.from({ length: 30 }, (_, i) => 0xf0 + (i % 16)));
    const b64 = entry();
    b64.response = { ...b64.response!, body: bytes.toString('base64'), bodyEncoding: 'base64', size: 30 };
    const gotB64 = s.get(s.record(b64).id)!;
    expect(Buffer.from(gotB64.response!.body, 'base64').equals(bytes.subarray(0, 9))).toBe(true);
    expect(gotB64.response?.truncated).toBe(true);
  });

  it('migrates a database created at schema version 1', () => {
    const dir = tempDir();
    // Written by hand, as version 1 of the store left it: no search table.
    const old = new Database(join(dir, HISTORY_FILE));
    old.exec(`
      CREATE TABLE entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT, created_at REAL NOT NULL, kind TEXT NOT NULL,
        environment TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER,
        error_code TEXT, total_ms REAL NOT NULL, size INTEGER
      );
      CREATE TABLE entry_data (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
      CREATE INDEX entries_newest ON entries (created_at, id);
      PRAGMA user_version = 1;
    `);
    const e = entry({ path: '/company/OLD-1', method: 'POST', reqBody: '{"Legacy":1}' });
    const id = Number(
      old
        .prepare(
          'INSERT INTO entries (created_at, kind, environment, method, path, status, error_code, total_ms, size) VALUES (?,?,?,?,?,?,?,?,?)',
        )
        .run(e.createdAt, e.kind, e.environment, 'POST', e.request.path, 200, null, 4.5, 11).lastInsertRowid,
    );
    old.prepare('INSERT INTO entry_data (id, json) VALUES (?, ?)').run(id, JSON.stringify(e));
    // More rows than one migration batch.
    old.transaction(() => {
      for (let i = 0; i < 1200; i++) {
        const f = entry({ path: `/filler/${i}` });
        const fid = old
          .prepare(
            'INSERT INTO entries (created_at, kind, environment, method, path, status, error_code, total_ms, size) VALUES (?,?,?,?,?,?,?,?,?)',
          )
          .run(f.createdAt, f.kind, f.environment, 'GET', f.request.path, 200, null, 4.5, 11).lastInsertRowid;
        old.prepare('INSERT INTO entry_data (id, json) VALUES (?, ?)').run(fid, JSON.stringify(f));
      }
    })();
    old.close();

    const s = open(dir);
    expect(s.get(id)).toEqual({ ...e, id });
    expect(s.list({ ...all, q: 'legacy' }).entries.map((x) => x.id)).toEqual([id]);
    expect(s.list({ ...all, q: 'old-1' }).total).toBe(1);
    // Version 3 filled in the key id of every row from its stored entry.
    expect(s.list({ ...all, q: 'old-1' }).entries[0]?.keyId).toBe(e.keyId);
    expect(s.list({ ...all, q: '/filler/1199' }).total).toBe(1);
    expect(s.list({ limit: 10, offset: 0, q: '/filler/' }).total).toBe(1200);
    const next = s.record(entry()).id;
    expect(next).toBeGreaterThan(id);
    s.close();

    const check = new Database(join(dir, HISTORY_FILE), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('migrates a version 4 database: its entries produced by no saved request, new ones linked', () => {
    const dir = tempDir();
    const first = open(dir);
    const old = first.record(entry({ path: '/balance' })).id;
    first.close();
    // Back to version 4, as it was before the link and the workbench's tables.
    const db = new Database(join(dir, HISTORY_FILE));
    db.exec(`
      DROP INDEX entries_saved_request;
      ALTER TABLE entries DROP COLUMN saved_request_id;
      DROP TABLE collection_items; DROP TABLE collections;
      DROP TABLE environment_variables; DROP TABLE workspace;
      PRAGMA user_version = 4;
    `);
    db.close();

    const s = open(dir);
    expect(s.get(old)?.savedRequestId).toBeUndefined();
    expect(s.list({ ...all }).entries[0]).not.toHaveProperty('savedRequestId');
    const linked = s.record({ ...entry({ path: '/funds' }), savedRequestId: 7 }).id;
    s.record(entry({ path: '/other' }));
    expect(s.get(linked)?.savedRequestId).toBe(7);
    const mine = s.list({ ...all, savedRequestId: 7 });
    expect(mine.entries.map((e) => [e.id, e.savedRequestId])).toEqual([[linked, 7]]);
    expect(mine.total).toBe(1);
    expect(s.list({ ...all, savedRequestId: 8 }).entries).toEqual([]);
    const check = new Database(join(dir, HISTORY_FILE), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['collections', 'collection_items', 'environment_variables', 'workspace']),
    );
    check.close();
  });

  it('refuses a database from a newer version of the store', () => {
    const dir = tempDir();
    const future = new Database(join(dir, HISTORY_FILE));
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    expect(() => openHistoryStore({ dir })).toThrow(/newer than this playground understands/);
  });

  it('runs in WAL mode, passes an integrity check, and keeps its files private', () => {
    const dir = tempDir();
    const s = open(join(dir, 'nested', 'data'));
    const ids = Array.from({ length: 50 }, (_, i) => s.record(entry({ reqBody: `{"i":${i}}` })).id);
    for (const id of ids.slice(0, 10)) s.delete(id);
    const db = new Database(join(dir, 'nested', 'data', HISTORY_FILE));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The search index agrees with the text it indexes (this throws when it does not).
    db.exec(`INSERT INTO entry_search_index (entry_search_index) VALUES ('integrity-check')`);
    db.close();
    expect(statSync(join(dir, 'nested', 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'nested', 'data', HISTORY_FILE)).mode & 0o777).toBe(0o600);
  });
});
