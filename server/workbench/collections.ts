/**
 * Collections in SQLite: folders and saved requests as a tree (tables in ./schema.ts), on the
 * connection the history uses. Synchronous, each change one transaction.
 *
 * A saved request is core/workbench's SavedRequest, stored as JSON with the columns the list and
 * the search need beside it. Order among siblings is a dense position (0, 1, 2, ...), kept dense by
 * every insert, move and delete. The limits of the collection format (core/workbench/collection.ts:
 * requests and items per collection, folder depth) hold for every collection stored, so that any
 * collection can be exported and read back. Nothing stored holds a configured secret (./secrets.ts).
 *
 * Public API: openCollectionStore({ db, now, isSecret }): CollectionStore
 */
import { present } from '../../core/checked.ts';
import type Database from 'better-sqlite3';
import type {
  CollectionDetail,
  CollectionSummary,
  CreateItemRequest,
  Environment,
  MoveItemRequest,
  SavedRequestQuery,
  SavedRequestSearch,
  StoredFolder,
  StoredItem,
  StoredRequest,
  TreeItem,
} from '../../core/contract.ts';
import {
  COLLECTION_FORMAT,
  COLLECTION_VERSION,
  MAX_COLLECTION_ITEMS,
  MAX_COLLECTION_REQUESTS,
  MAX_FOLDER_DEPTH,
  MAX_NAME_LENGTH,
  MAX_VARIABLES,
  type Collection,
  type CollectionItem,
  type SavedRequest,
  type Variable,
} from '../../core/workbench/collection.ts';
import { WorkbenchError } from './errors.ts';
import { refuseSecrets, type SecretTest } from './secrets.ts';

type Db = Database.Database;

export interface CollectionStore {
  /** Every collection, by name. */
  list(): CollectionSummary[];
  summary(id: number): CollectionSummary;
  /** The collection of that name (names are unique, case aside), or null. */
  findByName(name: string): CollectionSummary | null;
  create(input: { name: string; variables?: Variable[] }): CollectionSummary;
  /** The whole tree in order, with the variables. */
  detail(id: number): CollectionDetail;
  update(id: number, change: { name?: string; variables?: Variable[] }): CollectionSummary;
  duplicate(id: number, name?: string): CollectionSummary;
  /** Deletes the collection and everything in it; answers how many folders and requests went with it. */
  delete(id: number): number;

  addItem(collectionId: number, input: CreateItemRequest): StoredItem;
  getRequest(id: number): StoredRequest;
  hasRequest(id: number): boolean;
  /** Replaces a saved request's content; its place stays. */
  updateRequest(id: number, request: SavedRequest): StoredRequest;
  renameItem(id: number, name: string): StoredItem;
  moveItem(id: number, move: MoveItemRequest): StoredItem;
  /** A copy right after the original (a folder with its contents). */
  duplicateItem(id: number, name?: string): StoredItem;
  /** Deletes a request, or a folder with its contents; answers how many items went. */
  deleteItem(id: number): number;

  /** Saved requests whose name, method or path holds the text (case aside), by collection and name. */
  search(query: SavedRequestQuery): SavedRequestSearch;

  /** The collection in the playground's file format (core/workbench), for export. */
  toCollection(id: number): Collection;
  /**
   * Puts a collection read from a file into the database: a new collection of its name, or, with
   * `into`, at the end of that existing one (its variables added, a variable of the same name taking
   * the file's value). Answers the collection and notes on what was merged.
   */
  importCollection(collection: Collection, into?: number): { summary: CollectionSummary; notes: string[] };
  /** A name no collection has yet: `name`, else "name (2)", "name (3)"... */
  freeName(name: string): string;
}

export interface CollectionStoreOptions {
  db: Db;
  now: () => number;
  isSecret: SecretTest;
}

interface CollectionRow {
  id: number;
  name: string;
  variables: string;
  created_at: number;
  updated_at: number;
}

interface ItemRow {
  id: number;
  collection_id: number;
  parent_id: number | null;
  position: number;
  type: 'folder' | 'request';
  name: string;
  data: string | null;
  created_at: number;
  updated_at: number;
}

const ITEM_COLUMNS = 'id, collection_id, parent_id, position, type, name, data, created_at, updated_at';

function searchText(r: Pick<SavedRequest, 'name' | 'method' | 'path'>): string {
  return `${r.name}\n${r.method} ${r.path}`.toLowerCase();
}

function copyName(name: string): string {
  const suffix = ' (copy)';
  return name.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
}

export function openCollectionStore(opts: CollectionStoreOptions): CollectionStore {
  const { db, now, isSecret } = opts;

  const st = {
    collection: db.prepare('SELECT id, name, variables, created_at, updated_at FROM collections WHERE id = ?'),
    collectionByName: db.prepare(
      'SELECT id, name, variables, created_at, updated_at FROM collections WHERE name = ? COLLATE NOCASE',
    ),
    summaries: db.prepare(`
      SELECT c.id, c.name, c.created_at, c.updated_at,
        (SELECT count(*) FROM collection_items i WHERE i.collection_id = c.id AND i.type = 'request') AS requests,
        (SELECT count(*) FROM collection_items i WHERE i.collection_id = c.id AND i.type = 'folder') AS folders
      FROM collections c ORDER BY c.name COLLATE NOCASE, c.id`),
    counts: db.prepare(
      `SELECT count(*) AS items, coalesce(sum(type = 'request'), 0) AS requests FROM collection_items WHERE collection_id = ?`,
    ),
    insertCollection: db.prepare(
      'INSERT INTO collections (name, variables, created_at, updated_at) VALUES (?, ?, ?, ?)',
    ),
    updateCollection: db.prepare('UPDATE collections SET name = ?, variables = ?, updated_at = ? WHERE id = ?'),
    touchCollection: db.prepare('UPDATE collections SET updated_at = ? WHERE id = ?'),
    deleteCollection: db.prepare('DELETE FROM collections WHERE id = ?'),
    item: db.prepare(`SELECT ${ITEM_COLUMNS} FROM collection_items WHERE id = ?`),
    itemsOf: db.prepare(
      `SELECT ${ITEM_COLUMNS} FROM collection_items WHERE collection_id = ? ORDER BY parent_id, position`,
    ),
    subtree: db.prepare(`
      WITH RECURSIVE sub (id, depth) AS (
        SELECT ?, 0
        UNION ALL
        SELECT c.id, sub.depth + 1 FROM collection_items c JOIN sub ON c.parent_id = sub.id
      )
      SELECT ${ITEM_COLUMNS.split(', ')
        .map((c) => `i.${c}`)
        .join(', ')}, sub.depth AS depth
      FROM sub JOIN collection_items i ON i.id = sub.id ORDER BY sub.depth, i.parent_id, i.position`),
    parentOf: db.prepare('SELECT parent_id FROM collection_items WHERE id = ?').pluck(),
    siblings: db.prepare('SELECT count(*) FROM collection_items WHERE collection_id = ? AND parent_id IS ?').pluck(),
    openGap: db.prepare(
      'UPDATE collection_items SET position = position + 1 WHERE collection_id = ? AND parent_id IS ? AND position >= ?',
    ),
    closeGap: db.prepare(
      'UPDATE collection_items SET position = position - 1 WHERE collection_id = ? AND parent_id IS ? AND position > ?',
    ),
    insertItem: db.prepare(`
      INSERT INTO collection_items
        (collection_id, parent_id, position, type, name, method, path, environment, search, data, created_at, updated_at)
      VALUES (@collectionId, @parentId, @position, @type, @name, @method, @path, @environment, @search, @data, @at, @at)`),
    updateRequest: db.prepare(`
      UPDATE collection_items SET name = @name, method = @method, path = @path, environment = @environment,
        search = @search, data = @data, updated_at = @at WHERE id = @id`),
    renameFolder: db.prepare('UPDATE collection_items SET name = ?, updated_at = ? WHERE id = ?'),
    place: db.prepare(
      'UPDATE collection_items SET parent_id = ?, position = ?, collection_id = ?, updated_at = ? WHERE id = ?',
    ),
    moveSubtree: db.prepare(`
      WITH RECURSIVE sub (id) AS (
        SELECT ? UNION ALL SELECT c.id FROM collection_items c JOIN sub ON c.parent_id = sub.id
      )
      UPDATE collection_items SET collection_id = ? WHERE id IN (SELECT id FROM sub)`),
    deleteItem: db.prepare('DELETE FROM collection_items WHERE id = ?'),
    folderNames: db.prepare(
      `SELECT id, parent_id, name FROM collection_items WHERE type = 'folder' AND collection_id IN (SELECT value FROM json_each(?))`,
    ),
  };

  // ---- reading rows ------------------------------------------------------------------------------

  function collectionRow(id: number): CollectionRow {
    const row = st.collection.get(id) as CollectionRow | undefined;
    if (!row) throw new WorkbenchError('not-found', `There is no collection ${id}.`);
    return row;
  }

  /** Writes a saved request over item `id`: its columns (name, what lists and searches read) and its data. */
  function writeRequest(id: number, request: SavedRequest): void {
    st.updateRequest.run({
      id,
      name: request.name,
      method: request.method,
      path: request.path,
      environment: request.environment,
      search: searchText(request),
      data: JSON.stringify(request),
      at: now(),
    });
  }

  function itemRow(id: number): ItemRow {
    const row = st.item.get(id) as ItemRow | undefined;
    if (!row) throw new WorkbenchError('not-found', `There is no folder or saved request ${id}.`);
    return row;
  }

  function counts(collectionId: number): { items: number; requests: number } {
    return st.counts.get(collectionId) as { items: number; requests: number };
  }

  function summaryOf(row: CollectionRow): CollectionSummary {
    const c = counts(row.id);
    return {
      id: row.id,
      name: row.name,
      requests: c.requests,
      folders: c.items - c.requests,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function storedOf(row: ItemRow): StoredItem {
    const place = {
      id: row.id,
      collectionId: row.collection_id,
      folderId: row.parent_id,
      position: row.position,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    if (row.type === 'folder') return { type: 'folder', name: row.name, ...place } satisfies StoredFolder;
    return { ...(JSON.parse(row.data ?? 'null') as SavedRequest), ...place };
  }

  // ---- checks ------------------------------------------------------------------------------------

  function takenBy(name: string): CollectionRow | undefined {
    return st.collectionByName.get(name) as CollectionRow | undefined;
  }

  function requireFreeName(name: string, except?: number): void {
    const other = takenBy(name);
    if (other && other.id !== except)
      throw new WorkbenchError('name-taken', `There is already a collection named ${JSON.stringify(other.name)}.`);
  }

  /** Folders from the top down to `folderId` inclusive (0 for the top). */
  function folderDepth(folderId: number | null): number {
    let depth = 0;
    for (let at = folderId; at !== null; depth++) at = (st.parentOf.get(at) as number | null | undefined) ?? null;
    return depth;
  }

  /** The folder an item goes into: a folder of that collection, or null for its top. */
  function targetFolder(collectionId: number, folderId: number | null | undefined): number | null {
    if (folderId === null || folderId === undefined) return null;
    const row = st.item.get(folderId) as ItemRow | undefined;
    if (!row || row.type !== 'folder' || row.collection_id !== collectionId)
      throw new WorkbenchError('not-found', `Collection ${collectionId} has no folder ${folderId}.`);
    return folderId;
  }

  function checkRoom(collectionId: number, addItems: number, addRequests: number): void {
    const c = counts(collectionId);
    if (c.requests + addRequests > MAX_COLLECTION_REQUESTS)
      throw new WorkbenchError('limit', `A collection holds at most ${MAX_COLLECTION_REQUESTS} saved requests.`);
    if (c.items + addItems > MAX_COLLECTION_ITEMS)
      throw new WorkbenchError('limit', `A collection holds at most ${MAX_COLLECTION_ITEMS} folders and requests.`);
  }

  function checkDepth(folderDepthAtTarget: number, foldersBelow: number): void {
    if (folderDepthAtTarget + foldersBelow > MAX_FOLDER_DEPTH)
      throw new WorkbenchError('limit', `Folders are nested at most ${MAX_FOLDER_DEPTH} deep.`);
  }

  /** Size of a tree of core items: items, requests, and the depth of folders it adds. */
  function measure(items: readonly CollectionItem[]): { items: number; requests: number; depth: number } {
    let count = 0;
    let requests = 0;
    let depth = 0;
    const stack: Array<{ items: readonly CollectionItem[]; depth: number }> = [{ items, depth: 0 }];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      for (const item of top.items) {
        count++;
        if (item.type === 'request') requests++;
        else {
          depth = Math.max(depth, top.depth + 1);
          stack.push({ items: item.items, depth: top.depth + 1 });
        }
      }
    }
    return { items: count, requests, depth };
  }

  // ---- writing trees -----------------------------------------------------------------------------

  function insertRequest(collectionId: number, parentId: number | null, position: number, r: SavedRequest): number {
    return Number(
      st.insertItem.run({
        collectionId,
        parentId,
        position,
        type: 'request',
        name: r.name,
        method: r.method,
        path: r.path,
        environment: r.environment,
        search: searchText(r),
        data: JSON.stringify(r),
        at: now(),
      }).lastInsertRowid,
    );
  }

  function insertFolder(collectionId: number, parentId: number | null, position: number, name: string): number {
    return Number(
      st.insertItem.run({
        collectionId,
        parentId,
        position,
        type: 'folder',
        name,
        method: null,
        path: null,
        environment: null,
        search: null,
        data: null,
        at: now(),
      }).lastInsertRowid,
    );
  }

  /** Inserts core items under `parentId` from `position` on (the gap must be open); answers the first one's id. */
  function insertTree(
    collectionId: number,
    parentId: number | null,
    position: number,
    items: readonly CollectionItem[],
  ): number | null {
    let first: number | null = null;
    const stack: Array<{ parentId: number | null; items: readonly CollectionItem[]; base: number }> = [
      { parentId, items, base: position },
    ];
    for (let level = stack.pop(); level !== undefined; level = stack.pop()) {
      level.items.forEach((item, i) => {
        const at = level.base + i;
        const id =
          item.type === 'request'
            ? insertRequest(collectionId, level.parentId, at, item)
            : insertFolder(collectionId, level.parentId, at, item.name);
        first ??= id;
        if (item.type === 'folder') stack.push({ parentId: id, items: item.items, base: 0 });
      });
    }
    return first;
  }

  /** Rows of a collection as core items, by parent. */
  function treeOf<T>(
    rows: readonly ItemRow[],
    rootParent: number | null,
    make: (row: ItemRow, children: () => T[]) => T,
  ): T[] {
    const byParent = new Map<number | null, ItemRow[]>();
    for (const row of rows) {
      const list = byParent.get(row.parent_id);
      if (list) list.push(row);
      else byParent.set(row.parent_id, [row]);
    }
    for (const list of byParent.values()) list.sort((a, b) => a.position - b.position);
    // Depth is bounded by MAX_FOLDER_DEPTH, so recursion here is shallow.
    const build = (parent: number | null): T[] =>
      (byParent.get(parent) ?? []).map((row) => make(row, () => build(row.id)));
    return build(rootParent);
  }

  function coreItem(row: ItemRow, children: () => CollectionItem[]): CollectionItem {
    if (row.type === 'folder') return { type: 'folder', name: row.name, items: children() };
    return JSON.parse(row.data ?? 'null') as SavedRequest;
  }

  function subtreeRows(id: number): Array<ItemRow & { depth: number }> {
    return st.subtree.all(id) as Array<ItemRow & { depth: number }>;
  }

  function touch(collectionId: number): void {
    st.touchCollection.run(now(), collectionId);
  }

  function parseVariables(row: CollectionRow): Variable[] {
    return JSON.parse(row.variables) as Variable[];
  }

  /** One prepared pair per filter shape, built on first use. */
  const searches = new Map<string, { page: Database.Statement; total: Database.Statement }>();
  function searchStatements(where: string[]): { page: Database.Statement; total: Database.Statement } {
    const key = where.join(' AND ');
    let found = searches.get(key);
    if (!found) {
      const from = `FROM collection_items i JOIN collections c ON c.id = i.collection_id WHERE ${key}`;
      found = {
        page: db.prepare(
          `SELECT i.id, i.collection_id, c.name AS collection_name, i.parent_id, i.name, i.method, i.path, i.environment
           ${from} ORDER BY c.name COLLATE NOCASE, c.id, i.name COLLATE NOCASE, i.id LIMIT @limit OFFSET @offset`,
        ),
        total: db.prepare(`SELECT count(*) ${from}`).pluck(),
      };
      searches.set(key, found);
    }
    return found;
  }

  const tx = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const t = db.transaction(fn);
    return (...args: A): R => t.immediate(...args);
  };

  // ---- the store ---------------------------------------------------------------------------------

  const create = tx((input: { name: string; variables?: Variable[] }): CollectionSummary => {
    refuseSecrets(input, isSecret, 'The collection');
    requireFreeName(input.name);
    const at = now();
    const id = Number(
      st.insertCollection.run(input.name, JSON.stringify(input.variables ?? []), at, at).lastInsertRowid,
    );
    return summaryOf(collectionRow(id));
  });

  const store: CollectionStore = {
    list() {
      return (st.summaries.all() as Array<CollectionRow & { requests: number; folders: number }>).map((r) => ({
        id: r.id,
        name: r.name,
        requests: r.requests,
        folders: r.folders,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }));
    },

    summary(id) {
      return summaryOf(collectionRow(id));
    },

    findByName(name) {
      const row = takenBy(name);
      return row ? summaryOf(row) : null;
    },

    create,

    detail(id) {
      const row = collectionRow(id);
      const rows = st.itemsOf.all(id) as ItemRow[];
      const items = treeOf<TreeItem>(rows, null, (r, children) => {
        const stored = storedOf(r);
        return stored.type === 'folder' ? { ...stored, items: children() } : stored;
      });
      return { ...summaryOf(row), variables: parseVariables(row), items };
    },

    update: tx((id: number, change: { name?: string; variables?: Variable[] }) => {
      const row = collectionRow(id);
      refuseSecrets(change, isSecret, 'The collection');
      if (change.name !== undefined) requireFreeName(change.name, id);
      st.updateCollection.run(
        change.name ?? row.name,
        change.variables !== undefined ? JSON.stringify(change.variables) : row.variables,
        now(),
        id,
      );
      return summaryOf(collectionRow(id));
    }),

    duplicate: tx((id: number, name?: string) => {
      const row = collectionRow(id);
      const copy = create({ name: name ?? store.freeName(copyName(row.name)), variables: parseVariables(row) });
      insertTree(copy.id, null, 0, store.toCollection(id).items);
      return summaryOf(collectionRow(copy.id));
    }),

    delete: tx((id: number) => {
      collectionRow(id);
      const n = counts(id).items;
      st.deleteCollection.run(id);
      return n;
    }),

    addItem: tx((collectionId: number, input: CreateItemRequest): StoredItem => {
      collectionRow(collectionId);
      refuseSecrets(input.item, isSecret, input.item.type === 'folder' ? 'The folder' : 'The saved request');
      const parent = targetFolder(collectionId, input.folderId);
      checkRoom(collectionId, 1, input.item.type === 'request' ? 1 : 0);
      if (input.item.type === 'folder') checkDepth(folderDepth(parent), 1);
      const siblings = st.siblings.get(collectionId, parent) as number;
      const position = Math.min(input.position ?? siblings, siblings);
      st.openGap.run(collectionId, parent, position);
      const item: CollectionItem = input.item.type === 'folder' ? { ...input.item, items: [] } : input.item;
      const id = present(insertTree(collectionId, parent, position, [item]), 'the id of the inserted item');
      touch(collectionId);
      return storedOf(itemRow(id));
    }),

    getRequest(id) {
      const row = itemRow(id);
      if (row.type !== 'request') throw new WorkbenchError('not-found', `${id} is a folder, not a saved request.`);
      return storedOf(row) as StoredRequest;
    },

    hasRequest(id) {
      const row = st.item.get(id) as ItemRow | undefined;
      return row?.type === 'request';
    },

    updateRequest: tx((id: number, request: SavedRequest) => {
      const row = itemRow(id);
      if (row.type !== 'request') throw new WorkbenchError('not-found', `${id} is a folder, not a saved request.`);
      refuseSecrets(request, isSecret, 'The saved request');
      writeRequest(id, request);
      touch(row.collection_id);
      return storedOf(itemRow(id)) as StoredRequest;
    }),

    renameItem: tx((id: number, name: string) => {
      const row = itemRow(id);
      refuseSecrets(name, isSecret, 'The name');
      if (row.type === 'folder') st.renameFolder.run(name, now(), id);
      else writeRequest(id, { ...(JSON.parse(row.data ?? 'null') as SavedRequest), name });
      touch(row.collection_id);
      return storedOf(itemRow(id));
    }),

    moveItem: tx((id: number, move: MoveItemRequest) => {
      const row = itemRow(id);
      const collectionId = move.collectionId ?? row.collection_id;
      collectionRow(collectionId);
      const parent = targetFolder(collectionId, move.folderId);
      const sub = subtreeRows(id);
      if (parent !== null && sub.some((r) => r.id === parent))
        throw new WorkbenchError('invalid', 'A folder cannot be moved into itself or into one of its own folders.');
      const folderLevels = sub.filter((r) => r.type === 'folder').reduce((m, r) => Math.max(m, r.depth + 1), 0);
      checkDepth(folderDepth(parent), folderLevels);
      if (collectionId !== row.collection_id)
        checkRoom(collectionId, sub.length, sub.filter((r) => r.type === 'request').length);
      // Out of its old place, then into the new one.
      st.closeGap.run(row.collection_id, row.parent_id, row.position);
      const siblings = st.siblings.get(collectionId, parent) as number;
      const sameLevel = collectionId === row.collection_id && parent === row.parent_id;
      const count = sameLevel ? siblings - 1 : siblings;
      const position = Math.min(move.position ?? count, count);
      st.place.run(null, -1, row.collection_id, now(), id); // out of every sibling list while the gap opens
      st.openGap.run(collectionId, parent, position);
      if (collectionId !== row.collection_id) st.moveSubtree.run(id, collectionId);
      st.place.run(parent, position, collectionId, now(), id);
      touch(row.collection_id);
      if (collectionId !== row.collection_id) touch(collectionId);
      return storedOf(itemRow(id));
    }),

    duplicateItem: tx((id: number, name?: string) => {
      const row = itemRow(id);
      const rows = subtreeRows(id);
      refuseSecrets(name ?? '', isSecret, 'The name');
      // The subtree's rows hold one item under the original's parent: the original itself.
      const [root] = treeOf<CollectionItem>(rows, row.parent_id, coreItem);
      if (!root) throw new WorkbenchError('not-found', `There is no folder or saved request ${id}.`);
      const copy: CollectionItem = { ...root, name: name ?? copyName(root.name) };
      checkRoom(row.collection_id, rows.length, rows.filter((r) => r.type === 'request').length);
      st.openGap.run(row.collection_id, row.parent_id, row.position + 1);
      const newId = present(
        insertTree(row.collection_id, row.parent_id, row.position + 1, [copy]),
        'the id of the inserted copy',
      );
      touch(row.collection_id);
      return storedOf(itemRow(newId));
    }),

    deleteItem: tx((id: number) => {
      const row = itemRow(id);
      const n = subtreeRows(id).length;
      st.deleteItem.run(id);
      st.closeGap.run(row.collection_id, row.parent_id, row.position);
      touch(row.collection_id);
      return n;
    }),

    search(query) {
      const where = ["i.type = 'request'"];
      const params: Record<string, string | number> = {};
      if (query.q) {
        where.push('instr(i.search, @q) > 0');
        params.q = query.q.toLowerCase();
      }
      if (query.method) {
        where.push('i.method = @method');
        params.method = query.method;
      }
      if (query.collectionId !== undefined) {
        where.push('i.collection_id = @collectionId');
        params.collectionId = query.collectionId;
      }
      const { limit, offset } = query; // the schema's defaults are applied
      const statements = searchStatements(where);
      const rows = statements.page.all({ ...params, limit, offset }) as Array<{
        id: number;
        collection_id: number;
        collection_name: string;
        parent_id: number | null;
        name: string;
        method: string;
        path: string;
        environment: Environment | null;
      }>;
      const reachedEnd = rows.length < limit && (rows.length > 0 || offset === 0);
      const total = reachedEnd ? offset + rows.length : (statements.total.get(params) as number);
      const collections = [...new Set(rows.map((r) => r.collection_id))];
      const folders = new Map<number, { parent: number | null; name: string }>();
      if (rows.some((r) => r.parent_id !== null))
        for (const f of st.folderNames.all(JSON.stringify(collections)) as Array<{
          id: number;
          parent_id: number | null;
          name: string;
        }>)
          folders.set(f.id, { parent: f.parent_id, name: f.name });
      const pathOf = (parent: number | null): string[] => {
        const names: string[] = [];
        for (let at = parent; at !== null && names.length <= MAX_FOLDER_DEPTH;) {
          const f = folders.get(at);
          if (!f) break;
          names.unshift(f.name);
          at = f.parent;
        }
        return names;
      };
      return {
        results: rows.map((r) => ({
          id: r.id,
          collectionId: r.collection_id,
          collectionName: r.collection_name,
          folders: pathOf(r.parent_id),
          name: r.name,
          method: r.method,
          path: r.path,
          environment: r.environment,
        })),
        total,
        limit,
        offset,
      };
    },

    toCollection(id) {
      const row = collectionRow(id);
      return {
        format: COLLECTION_FORMAT,
        version: COLLECTION_VERSION,
        name: row.name,
        variables: parseVariables(row),
        items: treeOf<CollectionItem>(st.itemsOf.all(id) as ItemRow[], null, coreItem),
      };
    },

    importCollection: tx((collection: Collection, into?: number) => {
      refuseSecrets(collection, isSecret, 'The imported collection');
      const notes: string[] = [];
      const size = measure(collection.items);
      checkDepth(0, size.depth);
      if (into === undefined) {
        requireFreeName(collection.name);
        const made = create({ name: collection.name, variables: collection.variables });
        checkRoom(made.id, size.items, size.requests);
        insertTree(made.id, null, 0, collection.items);
        return { summary: summaryOf(collectionRow(made.id)), notes };
      }
      const row = collectionRow(into);
      checkRoom(into, size.items, size.requests);
      const variables = parseVariables(row);
      for (const v of collection.variables) {
        const existing = variables.find((x) => x.name === v.name);
        if (!existing) variables.push(v);
        else if (existing.value !== v.value) {
          existing.value = v.value;
          notes.push(`The collection's variable ${v.name} now has the file's value.`);
        }
      }
      if (variables.length > MAX_VARIABLES)
        throw new WorkbenchError('limit', `A collection has at most ${MAX_VARIABLES} variables.`);
      st.updateCollection.run(row.name, JSON.stringify(variables), now(), into);
      insertTree(into, null, st.siblings.get(into, null) as number, collection.items);
      return { summary: summaryOf(collectionRow(into)), notes };
    }),

    freeName(name) {
      if (!takenBy(name)) return name;
      for (let n = 2; ; n++) {
        const suffix = ` (${n})`;
        const candidate = name.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
        if (!takenBy(candidate)) return candidate;
      }
    },
  };
  return store;
}
