import type Database from 'better-sqlite3';
import { StudioError } from '../../common/errors';
import { registerSqlFunctions } from './functions';
import type { Migration } from './migration';

/**
 * Brings the database up to the newest migration, each in its own transaction. A database written by
 * a newer app is refused, never opened: an older app could corrupt what it does not understand. The
 * SQL functions the schema's triggers call are registered first, for the migrations and for what the
 * connection writes afterwards.
 */
export function migrate(db: Database.Database, list: Migration[]): number {
  registerSqlFunctions(db);
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = assertNotNewer(db, list);
  const latest = list.length;
  for (const m of list.slice(current)) {
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}

/** Reads the schema version without writing anything, and refuses a database from a newer app. */
export function assertNotNewer(db: Database.Database, list: Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > list.length) throw new StudioError('database_too_new', { found: current, supported: list.length });
  return current;
}
