/** The history database, checked from outside the server that writes it. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HISTORY_FILE } from '../server/history/store.ts';

export interface DbCheck {
  integrity: string;
  entries: number;
  data: number;
  search: number;
}

/** PRAGMA integrity_check and the row counts of the three tables (equal when nothing is half-written). */
export function checkDatabase(dataDir: string): DbCheck {
  const db = new Database(join(dataDir, HISTORY_FILE), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { integrity, entries: count('entries'), data: count('entry_data'), search: count('entry_search') };
  } finally {
    db.close();
  }
}
