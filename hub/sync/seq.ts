import { sql } from 'kysely';
import { dialectOf } from '../db/dialect';
import type { HubDb } from '../db/open';

/**
 * The op log's sequence counter is one row of `hub_meta`, taken at the start of every transaction
 * that writes ops and written back before it commits. Only one such transaction can hold it at a
 * time, so seq order is commit order: a pull that has seen seq n never later misses an op below n,
 * and seqs have no gaps (a rolled-back push gives its numbers back with the counter).
 *
 * On SQLite the database's single writer serialises these transactions. On PostgreSQL, where several
 * hub processes push at once, the row is read `FOR UPDATE`: a second push waits for the first to
 * commit and then reads the counter it left. A SEQUENCE or identity column would not do: numbers are
 * taken at insert, not at commit, so a slow transaction holding seq 7 could commit after a pull had
 * already moved its cursor past 8, and that pull would never see 7. Taking the lock first also means
 * everything the push reads afterwards (records, op ids) includes every push committed before it.
 */
export async function lockSeq(db: HubDb): Promise<number> {
  const forUpdate = dialectOf(db) === 'postgres' ? sql` FOR UPDATE` : sql``;
  const { rows } = await sql<{ value: string }>`SELECT value FROM hub_meta WHERE key = 'seq'${forUpdate}`.execute(db);
  return Number(rows[0]!.value);
}

/** The newest seq, for reads outside a push (is a cursor from the future?). */
export async function readSeq(db: HubDb): Promise<number> {
  const row = await db.selectFrom('hub_meta').select('value').where('key', '=', 'seq').executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function writeSeq(db: HubDb, seq: number): Promise<void> {
  await db
    .updateTable('hub_meta')
    .set({ value: String(seq) })
    .where('key', '=', 'seq')
    .execute();
}
