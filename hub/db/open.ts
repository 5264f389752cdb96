import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cachePreparedStatements } from '../../common/sqlite/statement-cache';
import { Kysely, SqliteDialect } from 'kysely';
import { closeUpFile, ensurePrivateDir, ensurePrivateFile } from '../private-files';
import { migrate } from './migrate';
import type { HubDatabase } from './schema';

export type HubDb = Kysely<HubDatabase>;

/**
 * Opens `<dataDir>/hub.sqlite` (WAL, foreign keys on) and migrates it. This is the only place that
 * touches the driver: a PostgreSQL hub swaps the dialect here and keeps every query.
 */
export async function openDatabase(dataDir: string): Promise<{ db: HubDb; epoch: string }> {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, 'hub.sqlite');
  // SQLite creates its -wal and -shm files with the database file's mode, so that one comes first.
  ensurePrivateFile(file);
  closeUpFile(`${file}-wal`);
  closeUpFile(`${file}-shm`);
  // Kysely prepares every query it runs; the cache makes a repeated query compile once.
  const sqlite = cachePreparedStatements(new Database(file));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<HubDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrate(db as unknown as Kysely<unknown>);
    return { db, epoch: await ensureEpoch(db) };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** The epoch names this database's op log; cursors carry it so a wiped hub is noticed. */
async function ensureEpoch(db: HubDb): Promise<string> {
  await db
    .insertInto('hub_meta')
    .values([
      { key: 'epoch', value: randomBytes(9).toString('base64url') },
      { key: 'seq', value: '0' },
    ])
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('hub_meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow();
  return row.value;
}

/** Throws unless the database answers a read (the health check). */
export async function pingDatabase(db: HubDb): Promise<void> {
  await db.selectFrom('hub_meta').select('key').limit(1).execute();
}
