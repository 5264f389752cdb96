import type { Kysely } from 'kysely';

/**
 * One counter per limited key (`sign-in:account|<email>`, `sign-in:address|<ip>`, `sign-up:address|<ip>`)
 * in place of one row per failed sign-in. An attempt is counted by a single upsert before any password
 * is hashed, which stays atomic across hub processes on SQLite and PostgreSQL alike; the old table
 * was read and written on either side of the hash, so attempts sent at once all got through.
 * Its rows only ever mattered for 15 minutes, so they are dropped rather than carried over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_attempts_window').on('auth_attempts').column('window_start').execute();
  await db.schema.dropTable('sign_in_failures').execute();
}
