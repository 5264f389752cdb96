import Database from 'better-sqlite3';
import { cachePreparedStatements } from '../../common/sqlite/statement-cache';
import { assertNotNewer, migrate } from './migrate';
import { migrations } from './migrations';

export type Db = Database.Database;

export interface OpenDbOptions {
  /** Where better-sqlite3's native module lives when it is not the one in node_modules (Electron build). */
  nativeBinding?: string;
}

export function openDb(file: string, options: OpenDbOptions = {}): Db {
  const db = cachePreparedStatements(new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}));
  try {
    // Before anything writes (even switching to WAL rewrites the header), refuse a newer database.
    assertNotNewer(db, migrations);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
