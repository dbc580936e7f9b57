/**
 * Durable history of every exchange, in SQLite (better-sqlite3, WAL).
 *
 * Layout (schema version 7):
 *   entries       one compact row per exchange: the columns the list and its filters need (the key
 *                 id and the signing scheme too, so that every row can say which key signed it, and
 *                 the saved request that produced it, when one did)
 *   entry_data    the full entry as JSON, kept apart so scans over `entries` stay small
 *   entry_search  a lower-cased, length-capped search text per entry, kept apart for the same reason
 *   entry_search_index  an FTS5 trigram index over entry_search (external content), so a substring
 *                 search looks up candidates instead of reading every text
 *
 * The same file holds the workbench's tables (collections, variables, open tabs: see
 * server/workbench/schema.ts). One numbered list of migrations, here, brings the whole file up to
 * date, and `openDatabase` is the one way it is opened, so that the history and the workbench can
 * share one connection.
 *
 * The store writes what it is given: callers pass entries that are already redacted, and the only
 * change made here is cutting bodies longer than the cap (and marking that they were cut).
 */
import { itemAt, lastItem, present } from '../../core/checked.ts';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { HistoryEntry, HistoryList, HistoryQuery, HistorySummary, StatusClass } from '../../core/contract.ts';
import { createCollectionTables, createVariableAndWorkspaceTables } from '../workbench/schema.ts';
import { parseHistorySearch, type HistorySearch } from '../../core/history-search.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields every reader of an entry relies on, with their types. */
function looksLikeEntry(v: unknown): v is Omit<HistoryEntry, 'id'> {
  if (!isRecord(v) || !isRecord(v.request) || !isRecord(v.stringToSign) || !isRecord(v.timings)) return false;
  const r = v.request;
  return (
    typeof v.kind === 'string' &&
    typeof v.environment === 'string' &&
    typeof v.keyId === 'string' &&
    typeof v.timestamp === 'string' &&
    typeof v.signature === 'string' &&
    typeof v.createdAt === 'number' &&
    typeof r.method === 'string' &&
    typeof r.url === 'string' &&
    typeof r.path === 'string' &&
    isRecord(r.headers) &&
    (r.body === null || typeof r.body === 'string') &&
    Array.isArray(v.stringToSign.segments) &&
    (v.response === null || isRecord(v.response)) &&
    (v.error === null || isRecord(v.error))
  );
}

/** A stored entry that no longer reads as one (the database was edited or damaged). */
export class CorruptEntryError extends Error {
  constructor(readonly id: number) {
    super(
      `History entry ${id} is damaged and can no longer be read; delete it, or restore the database from a backup.`,
    );
  }
}

export interface HistoryStore {
  /** Synchronous; the entry is committed when it returns. Returns the entry as stored (bodies capped). */
  record(entry: Omit<HistoryEntry, 'id'>): HistoryEntry;
  get(id: number): HistoryEntry | null;
  /**
   * Newest first; filters by environment, method (exact), status class, the search `q` (its field
   * tokens and free-text words, core/history-search.ts, the words case-insensitive), and the saved
   * request that produced the entries.
   */
  list(query: HistoryQuery & { savedRequestId?: number }): HistoryList;
  delete(id: number): boolean;
  /** Deletes every entry; answers how many there were. */
  clear(): number;
  count(): number;
  close(): void;
}

export type HistoryStoreOptions = (
  | { dir: string; db?: undefined }
  /** A connection from openDatabase, shared with the workbench: the store does not close it. */
  | { db: Database.Database; dir?: undefined }
) & {
  /** Longest request or response body kept per entry, in bytes (default 2 MiB). */
  bodyCapBytes?: number | undefined;
  /** Names a `key:` search token may use for a key id (the demo keys' names). */
  keyAliases?: Readonly<Record<string, string>> | undefined;
};

export const HISTORY_FILE = 'history.sqlite';
export const DEFAULT_BODY_CAP_BYTES = 2 * 1024 * 1024;
/** Characters of each body that go into the search text (the path is always there whole). */
export const SEARCH_BODY_CHARS = 2048;
/** How many recorded entries may wait before they are added to the search index in one batch. */
const INDEX_BATCH = 256;

type Db = Database.Database;

/**
 * Numbered schema steps. Step n brings a database from user_version n-1 to n; each runs in a
 * transaction with the version bump, so a crash leaves the database at a whole version.
 */
const MIGRATIONS: Array<(db: Db) => void> = [
  // 1: the summary table and the full entry as JSON.
  (db) => {
    db.exec(`
      CREATE TABLE entries (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at  REAL    NOT NULL,
        kind        TEXT    NOT NULL,
        environment TEXT    NOT NULL,
        method      TEXT    NOT NULL,
        path        TEXT    NOT NULL,
        status      INTEGER,
        error_code  TEXT,
        total_ms    REAL    NOT NULL,
        size        INTEGER
      );
      CREATE TABLE entry_data (
        id   INTEGER PRIMARY KEY,
        json TEXT NOT NULL
      );
      CREATE INDEX entries_newest ON entries (created_at, id);
    `);
  },
  // 2: text search over path and bodies: a lower-cased text per entry and a trigram index over it,
  //    filled in for the entries that already exist.
  (db) => {
    db.exec(`
      CREATE TABLE entry_search (
        id   INTEGER PRIMARY KEY,
        text TEXT NOT NULL
      );
      CREATE VIRTUAL TABLE entry_search_index USING fts5(
        text, content = 'entry_search', content_rowid = 'id',
        tokenize = 'trigram case_sensitive 1', detail = 'none'
      );
      CREATE INDEX entries_status ON entries (status);
      -- Entries up to this id are in entry_search_index; newer ones are indexed in batches.
      CREATE TABLE search_state (indexed_upto INTEGER NOT NULL);
      INSERT INTO search_state (indexed_upto) VALUES (0);
    `);
    const insert = db.prepare('INSERT INTO entry_search (id, text) VALUES (?, ?)');
    const batch = db.prepare('SELECT id, json FROM entry_data WHERE id > ? ORDER BY id LIMIT 500');
    // In batches: a connection cannot write while it is still reading from an open cursor.
    for (let after = 0; ;) {
      const rows = batch.all(after) as Array<{ id: number; json: string }>;
      if (rows.length === 0) break;
      for (const row of rows) insert.run(row.id, searchText(JSON.parse(row.json) as Omit<HistoryEntry, 'id'>));
      after = lastItem(rows).id;
    }
    db.exec(`
      INSERT INTO entry_search_index (entry_search_index) VALUES ('rebuild');
      UPDATE search_state SET indexed_upto = (SELECT coalesce(max(id), 0) FROM entry_search);
    `);
  },
  // 3: the key id in the summary row, filled in from the stored entries.
  (db) => {
    db.exec(`
      ALTER TABLE entries ADD COLUMN key_id TEXT;
      UPDATE entries SET key_id = (SELECT json_extract(d.json, '$.keyId') FROM entry_data d WHERE d.id = entries.id);
    `);
  },
  // 4: the signing scheme in the summary row (NULL: Qredo API v1, as every entry before the Partner API).
  (db) => {
    db.exec(`ALTER TABLE entries ADD COLUMN scheme TEXT;`);
  },
  // 5: the saved request that produced an entry (none for the entries before), indexed for its list.
  (db) => {
    db.exec(`
      ALTER TABLE entries ADD COLUMN saved_request_id INTEGER;
      CREATE INDEX entries_saved_request ON entries (saved_request_id, created_at, id)
        WHERE saved_request_id IS NOT NULL;
    `);
  },
  // 6: the workbench's collections, folders and saved requests.
  createCollectionTables,
  // 7: the environments' variables and the open tabs.
  createVariableAndWorkspaceTables,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `The history database is at schema version ${current}, newer than this playground understands (${SCHEMA_VERSION}). Update the playground or point PLAYGROUND_DATA_DIR elsewhere.`,
    );
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      present(MIGRATIONS[v], `the migration from schema version ${v}`)(db);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

// ---- body cap ---------------------------------------------------------------------------------

/** Cuts text to at most `cap` UTF-8 bytes, never inside a character. Null when it already fits. */
function capUtf8(text: string, cap: number): string | null {
  if (text.length * 3 <= cap) return null; // at most 3 UTF-8 bytes per UTF-16 unit
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.byteLength <= cap) return null;
  let end = cap;
  while (end > 0 && (itemAt(bytes, end) & 0xc0) === 0x80) end--; // back off continuation bytes
  return bytes.subarray(0, end).toString('utf8');
}

/** Cuts base64 text so that it decodes to at most `cap` bytes (whole 3-byte groups). */
function capBase64(text: string, cap: number): string | null {
  const decoded = Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (decoded <= cap) return null;
  return text.slice(0, Math.floor(cap / 3) * 4);
}

function applyBodyCap(entry: Omit<HistoryEntry, 'id'>, cap: number): Omit<HistoryEntry, 'id'> {
  let out = entry;
  if (entry.request.body !== null) {
    const cut = capUtf8(entry.request.body, cap);
    if (cut !== null) out = { ...out, request: { ...out.request, body: cut, bodyTruncated: true } };
  }
  const res = entry.response;
  if (res) {
    const cut = res.bodyEncoding === 'base64' ? capBase64(res.body, cap) : capUtf8(res.body, cap);
    if (cut !== null) out = { ...out, response: { ...res, body: cut, truncated: true } };
  }
  return out;
}

// ---- search -----------------------------------------------------------------------------------

/** Lower-cased path and the first characters of each text body (base64 bodies are not searchable). */
function searchText(entry: Omit<HistoryEntry, 'id'>): string {
  const parts = [entry.request.path];
  if (entry.request.body) parts.push(entry.request.body.slice(0, SEARCH_BODY_CHARS));
  if (entry.response && entry.response.bodyEncoding === 'utf8' && entry.response.body) {
    parts.push(entry.response.body.slice(0, SEARCH_BODY_CHARS));
  }
  return parts.join('\n').toLowerCase();
}

/**
 * A GLOB pattern that finds `text` anywhere: the three GLOB metacharacters are made literal by
 * wrapping them in a character class, so `%`, `_`, `*`, `?` and `[` are all searched for as typed.
 */
function containsPattern(text: string): string {
  return `*${text.replace(/[*?[]/g, (c) => `[${c}]`)}*`;
}

// ---- list queries -----------------------------------------------------------------------------

/**
 * The WHERE conditions of a parsed search, with named parameters that searchParams fills in: tokens
 * of one field are alternatives (OR), fields and words must all hold (AND).
 */
function searchWhere(s: HistorySearch): string[] {
  const where: string[] = [];
  const anyOf = (conditions: string[]) =>
    conditions.length === 1 ? itemAt(conditions, 0) : `(${conditions.join(' OR ')})`;
  if (s.status.length)
    where.push(
      anyOf(
        s.status.map((x, i) =>
          x.kind === 'code'
            ? `e.status = @status${i}`
            : x.kind === 'class'
              ? `(e.status >= @status${i} AND e.status < @status${i} + 100)`
              : 'e.status IS NULL',
        ),
      ),
    );
  if (s.methods.length) where.push(`upper(e.method) IN (${s.methods.map((_, i) => `@method${i}`).join(', ')})`);
  if (s.environments.length) where.push(`e.environment IN (${s.environments.map((_, i) => `@env${i}`).join(', ')})`);
  if (s.keys.length) where.push(`e.key_id IN (${s.keys.flatMap((_, i) => [`@key${i}`, `@keyAlias${i}`]).join(', ')})`);
  if (s.paths.length) where.push(anyOf(s.paths.map((_, i) => `substr(e.path, 1, length(@path${i})) = @path${i}`)));
  // The trigram index narrows the candidates; SQLite then checks the pattern against each one.
  // Text and pattern are both lower-cased here, so the case-sensitive GLOB is a case-insensitive search.
  s.words.forEach((_, i) => where.push(`e.id IN (SELECT rowid FROM entry_search_index WHERE text GLOB @word${i})`));
  return where;
}

function searchParams(s: HistorySearch, keyAliases: Readonly<Record<string, string>>): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  s.status.forEach((x, i) => {
    if (x.kind === 'code') params[`status${i}`] = x.code;
    else if (x.kind === 'class') params[`status${i}`] = x.from;
  });
  s.methods.forEach((m, i) => (params[`method${i}`] = m));
  s.environments.forEach((e, i) => (params[`env${i}`] = e));
  s.keys.forEach((k, i) => {
    params[`key${i}`] = k;
    params[`keyAlias${i}`] = (Object.hasOwn(keyAliases, k) ? keyAliases[k] : undefined) ?? k;
  });
  s.paths.forEach((p, i) => (params[`path${i}`] = p));
  s.words.forEach((w, i) => (params[`word${i}`] = containsPattern(w.toLowerCase())));
  return params;
}

const STATUS_SQL: Record<StatusClass, string> = {
  '2xx': 'e.status >= 200 AND e.status < 300',
  '3xx': 'e.status >= 300 AND e.status < 400',
  '4xx': 'e.status >= 400 AND e.status < 500',
  '5xx': 'e.status >= 500 AND e.status < 600',
  error: 'e.status IS NULL',
};

interface SummaryRow {
  id: number;
  created_at: number;
  kind: HistorySummary['kind'];
  environment: HistorySummary['environment'];
  method: string;
  path: string;
  status: number | null;
  error_code: string | null;
  total_ms: number;
  size: number | null;
  key_id: string | null;
  scheme: 'partner' | null;
  saved_request_id: number | null;
}

const SUMMARY_COLUMNS =
  'e.id, e.created_at, e.kind, e.environment, e.method, e.path, e.status, e.error_code, e.total_ms, e.size, e.key_id, e.scheme, e.saved_request_id';

function toSummary(r: SummaryRow): HistorySummary {
  return {
    id: r.id,
    kind: r.kind,
    createdAt: r.created_at,
    environment: r.environment,
    method: r.method,
    path: r.path,
    status: r.status,
    errorCode: r.error_code,
    totalMs: r.total_ms,
    size: r.size,
    keyId: r.key_id ?? '',
    ...(r.scheme === 'partner' ? { scheme: 'partner' as const } : {}),
    ...(r.saved_request_id !== null ? { savedRequestId: r.saved_request_id } : {}),
  };
}

/**
 * Opens the data folder's database (history and workbench), creating it private, and brings it up
 * to the current schema version. The caller closes it.
 */
export function openDatabase(dir: string): Db {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dir, 0o700);
  } catch {
    /* not ours to change (e.g. an existing shared folder): the file itself is still created 0600 below */
  }
  const file = join(dir, HISTORY_FILE);
  closeSync(openSync(file, 'a', 0o600)); // created private before SQLite opens it
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // The workbench's folders take their contents with them when they are deleted.
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export function openHistoryStore(opts: HistoryStoreOptions): HistoryStore {
  const cap = opts.bodyCapBytes ?? DEFAULT_BODY_CAP_BYTES;
  const ownsDb = opts.db === undefined;
  const db = opts.db ?? openDatabase(opts.dir);

  const insertEntry = db.prepare(
    `INSERT INTO entries (created_at, kind, environment, method, path, status, error_code, total_ms, size, key_id, scheme, saved_request_id)
     VALUES (@createdAt, @kind, @environment, @method, @path, @status, @errorCode, @totalMs, @size, @keyId, @scheme, @savedRequestId)`,
  );
  const insertData = db.prepare('INSERT INTO entry_data (id, json) VALUES (?, ?)');
  const insertSearch = db.prepare('INSERT INTO entry_search (id, text) VALUES (?, ?)');
  const selectData = db.prepare('SELECT json FROM entry_data WHERE id = ?').pluck();
  const deleteEntry = db.prepare('DELETE FROM entries WHERE id = ?');
  const deleteData = db.prepare('DELETE FROM entry_data WHERE id = ?');
  const deleteSearch = db.prepare('DELETE FROM entry_search WHERE id = ?');
  const countAll = db.prepare('SELECT count(*) FROM entries').pluck();
  const indexedUpto = db.prepare('SELECT indexed_upto FROM search_state').pluck();
  const setIndexedUpto = db.prepare('UPDATE search_state SET indexed_upto = ?');
  const unindexed = db.prepare('SELECT id, text FROM entry_search WHERE id > ? ORDER BY id');
  const countUnindexed = db
    .prepare('SELECT count(*) FROM entry_search WHERE id > (SELECT indexed_upto FROM search_state)')
    .pluck();
  const anyUnindexed = db
    .prepare('SELECT EXISTS (SELECT 1 FROM entry_search WHERE id > (SELECT indexed_upto FROM search_state))')
    .pluck();
  const indexSearch = db.prepare('INSERT INTO entry_search_index (rowid, text) VALUES (?, ?)');
  const unindexSearch = db.prepare(
    `INSERT INTO entry_search_index (entry_search_index, rowid, text) SELECT 'delete', id, text FROM entry_search WHERE id = ?`,
  );

  /**
   * Brings the trigram index up to date. Indexing one entry per commit costs several times more
   * than the rest of record(), so entries are indexed in batches: when INDEX_BATCH are waiting, and
   * before every text search (which therefore never misses an entry).
   */
  const catchUpTx = db.transaction((): void => {
    let upto = indexedUpto.get() as number;
    for (const row of unindexed.all(upto) as Array<{ id: number; text: string }>) {
      indexSearch.run(row.id, row.text);
      upto = row.id;
    }
    setIndexedUpto.run(upto);
  });
  let waiting = countUnindexed.get() as number;
  const catchUp = (): void => {
    catchUpTx.immediate();
    waiting = 0;
  };

  const recordTx = db.transaction((entry: Omit<HistoryEntry, 'id'>): number => {
    const info = insertEntry.run({
      createdAt: entry.createdAt,
      kind: entry.kind,
      environment: entry.environment,
      method: entry.request.method,
      path: entry.request.path,
      status: entry.response?.status ?? null,
      errorCode: entry.error?.code ?? null,
      totalMs: entry.timings.totalMs,
      size: entry.response?.size ?? null,
      keyId: entry.keyId,
      scheme: entry.scheme === 'partner' ? 'partner' : null,
      savedRequestId: entry.savedRequestId ?? null,
    });
    const id = Number(info.lastInsertRowid);
    insertData.run(id, JSON.stringify(entry));
    insertSearch.run(id, searchText(entry));
    return id;
  });
  const deleteTx = db.transaction((id: number): boolean => {
    const gone = deleteEntry.run(id).changes > 0;
    deleteData.run(id);
    // The index forgets an entry by being given its text once more (only if it was indexed).
    if (id <= (indexedUpto.get() as number)) unindexSearch.run(id);
    deleteSearch.run(id);
    return gone;
  });
  const clearTx = db.transaction((): number => {
    const n = db.prepare('DELETE FROM entries').run().changes;
    db.exec(`
      DELETE FROM entry_data;
      DELETE FROM entry_search;
      INSERT INTO entry_search_index (entry_search_index) VALUES ('delete-all');
      UPDATE search_state SET indexed_upto = coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'entries'), 0);
    `);
    return n;
  });

  /** One prepared statement pair per filter shape, built on first use and reused. */
  const listStatements = new Map<string, { page: Database.Statement; total: Database.Statement }>();
  function listStatement(
    q: HistoryQuery & { savedRequestId?: number },
    search: HistorySearch,
  ): { page: Database.Statement; total: Database.Statement } {
    const key = [
      q.environment ? 'e' : '',
      q.method ? 'm' : '',
      q.status ?? '',
      q.savedRequestId !== undefined ? 's' : '',
      search.words.length,
      search.status.map((x) => x.kind).join(','),
      search.methods.length,
      search.environments.length,
      search.keys.length,
      search.paths.length,
    ].join('|');
    let st = listStatements.get(key);
    if (!st) {
      const where: string[] = [];
      if (q.environment) where.push('e.environment = @environment');
      if (q.method) where.push('e.method = @method');
      if (q.status) where.push(STATUS_SQL[q.status]);
      if (q.savedRequestId !== undefined) where.push('e.saved_request_id = @savedRequestId');
      where.push(...searchWhere(search));
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      st = {
        page: db.prepare(
          `SELECT ${SUMMARY_COLUMNS} FROM entries e ${clause} ORDER BY e.created_at DESC, e.id DESC LIMIT @limit OFFSET @offset`,
        ),
        total: db.prepare(`SELECT count(*) FROM entries e ${clause}`).pluck(),
      };
      // A bound on the shapes kept: each is a handful of tokens, but a script could vary them endlessly.
      if (listStatements.size >= 256) listStatements.clear();
      listStatements.set(key, st);
    }
    return st;
  }

  let open = true;
  const ensureOpen = (): void => {
    if (!open) throw new Error('The history store is closed.');
  };

  return {
    record(entry) {
      ensureOpen();
      const stored = applyBodyCap(entry, cap);
      const id = recordTx.immediate(stored);
      if (++waiting >= INDEX_BATCH) catchUp();
      return { ...stored, id };
    },

    get(id) {
      ensureOpen();
      const json = selectData.get(id) as string | undefined;
      if (json === undefined) return null;
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch {
        throw new CorruptEntryError(id);
      }
      // A shape check, not a schema parse: a schema would rebuild the object and lose header names
      // such as "__proto__" that an upstream really sent.
      if (!looksLikeEntry(value)) throw new CorruptEntryError(id);
      return { ...value, id };
    },

    list(query) {
      ensureOpen();
      const { limit, offset } = query; // the schema's defaults are applied
      const search = parseHistorySearch(query.q ?? '');
      const filters: Record<string, string | number> = searchParams(search, opts.keyAliases ?? {});
      if (query.environment) filters.environment = query.environment;
      if (query.savedRequestId !== undefined) filters.savedRequestId = query.savedRequestId;
      if (query.method) filters.method = query.method;
      // Asked of the database, not of `waiting`: another process may have recorded entries.
      if (search.words.length > 0 && anyUnindexed.get() === 1) catchUp();
      const st = listStatement(query, search);
      const rows = st.page.all({ ...filters, limit, offset }) as SummaryRow[];
      // No count is needed when this page reaches the end of the matches.
      const reachedEnd = rows.length < limit && (rows.length > 0 || offset === 0);
      const total = reachedEnd ? offset + rows.length : (st.total.get(filters) as number);
      return { entries: rows.map(toSummary), total, limit, offset };
    },

    delete(id) {
      ensureOpen();
      return deleteTx.immediate(id);
    },

    clear() {
      ensureOpen();
      const n = clearTx.immediate();
      waiting = 0;
      return n;
    },

    count() {
      ensureOpen();
      return countAll.get() as number;
    },

    close() {
      if (!open) return;
      open = false;
      if (ownsDb) db.close();
    },
  };
}
