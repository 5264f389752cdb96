import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { cachePreparedStatements } from '../../common/sqlite/statement-cache';
import { closeUpFile, ensurePrivateDir, ensurePrivateFile } from '../private-files';
import { migrate } from './migrate';
import { openPool } from './postgres';
import type { HubDatabase } from './schema';

export type HubDb = Kysely<HubDatabase>;

/** Where the hub keeps its tables: `<dataDir>/hub.sqlite` by default, or a PostgreSQL database. */
export interface DatabaseTarget {
  dataDir: string;
  /** `postgres://user@host:5432/name`; unset, the SQLite file. */
  databaseUrl?: string | undefined;
}

/** Connections per hub process; PostgreSQL's default limit (100) leaves room for several processes. */
const POOL_SIZE = 10;

/**
 * Opens the database and migrates it. This is the only place that chooses the driver; every query
 * is Kysely and runs on either dialect (the few differences are in dialect.ts).
 */
export async function openDatabase(target: DatabaseTarget): Promise<{ db: HubDb; epoch: string }> {
  const db = target.databaseUrl ? await openPostgres(target.databaseUrl) : openSqlite(target.dataDir);
  try {
    await migrate(db as unknown as Kysely<unknown>);
    return { db, epoch: await ensureEpoch(db) };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** `<dataDir>/hub.sqlite`, WAL, foreign keys on. */
function openSqlite(dataDir: string): HubDb {
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
  return new Kysely<HubDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
}

const pools = new WeakMap<HubDb, pg.Pool>();

async function openPostgres(url: string): Promise<HubDb> {
  const pool = await openPool(url, POOL_SIZE);
  const db = new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/** The connection pool under a hub database on PostgreSQL (null on SQLite), for what Kysely cannot say (pg-transaction.ts). */
export function poolOf(db: HubDb): pg.Pool | null {
  return pools.get(db) ?? null;
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
