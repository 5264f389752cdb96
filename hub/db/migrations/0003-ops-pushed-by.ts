import type { Kysely } from 'kysely';

/**
 * Which session pushed each op (the hash the sessions table keys on; null for ops the hub made
 * itself, such as cascaded tombstones and expiries). A device's incremental pull leaves out what it
 * pushed: it already has those changes, and a teacher who pushes 10,000 notes over a metered link
 * should not download them again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('ops').addColumn('pushed_by', 'text').execute();
}
