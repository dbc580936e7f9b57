/**
 * The workbench's tables, in the same SQLite file as the history. These are steps of the one
 * numbered list of migrations in server/history/store.ts (which runs each in a transaction with its
 * version bump); they are written here, beside the stores that read them.
 *
 *   collections            one row per collection; its variables as a JSON array [{ name, value }]
 *   collection_items       folders and saved requests, as a tree: parent_id is the folder (null at
 *                          the collection's top), position the order among siblings (0, 1, 2, ...);
 *                          a request's SavedRequest (core/workbench/collection.ts) as JSON in `data`,
 *                          with the columns the list and the search need beside it. Ids are never
 *                          reused (AUTOINCREMENT), so a history entry's saved_request_id can only ever
 *                          name the request that produced it, even after that request is deleted.
 *   environment_variables  the variables of each environment, in order
 *   workspace              one row: the open tabs and their drafts, with a revision number
 *
 * Foreign keys cascade (folders take their contents with them); the connection turns them on.
 */
import type Database from 'better-sqlite3';

type Db = Database.Database;

/** Collections, their folders and their saved requests. */
export function createCollectionTables(db: Db): void {
  db.exec(`
    CREATE TABLE collections (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      name        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
      variables   TEXT    NOT NULL DEFAULT '[]',
      created_at  REAL    NOT NULL,
      updated_at  REAL    NOT NULL
    );
    CREATE TABLE collection_items (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
      parent_id     INTEGER REFERENCES collection_items (id) ON DELETE CASCADE,
      position      INTEGER NOT NULL,
      type          TEXT    NOT NULL CHECK (type IN ('folder', 'request')),
      name          TEXT    NOT NULL,
      method        TEXT,
      path          TEXT,
      environment   TEXT,
      search        TEXT,
      data          TEXT,
      created_at    REAL    NOT NULL,
      updated_at    REAL    NOT NULL
    );
    CREATE INDEX collection_items_children ON collection_items (collection_id, parent_id, position);
    CREATE INDEX collection_items_parent ON collection_items (parent_id);
  `);
}

/** The environments' variables and the workbench state (open tabs). */
export function createVariableAndWorkspaceTables(db: Db): void {
  db.exec(`
    CREATE TABLE environment_variables (
      environment TEXT    NOT NULL,
      position    INTEGER NOT NULL,
      name        TEXT    NOT NULL,
      value       TEXT    NOT NULL,
      PRIMARY KEY (environment, name)
    );
    CREATE TABLE workspace (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      revision   INTEGER NOT NULL,
      updated_at REAL    NOT NULL,
      json       TEXT    NOT NULL
    );
  `);
}
