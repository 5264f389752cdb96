import { sql } from 'kysely';
import type { HubDb } from '../db/open';

/**
 * The op log's sequence counter is one row of `hub_meta`. A transaction that writes ops takes its
 * numbers by updating that row, and holds the row (its lock) until it commits, so only one such
 * transaction is between taking numbers and committing at a time: seq order is commit order (a pull
 * that has seen seq n never later misses an op below n), and seqs have no gaps (a rolled-back push
 * gives its numbers back with the counter). A SEQUENCE or identity column would not do: numbers are
 * taken at insert, not at commit, so a slow transaction holding seq 7 could commit after a pull had
 * already moved its cursor past 8, and that pull would never see 7.
 *
 * The counter is taken last, after the batch has read, checked and merged every op and written its
 * records, just before its ops are inserted: what it holds the counter across is that insert and the
 * commit, a few round trips, not the whole push. Reading must still see every earlier write to the
 * records it touches (LWW merges, ownership and parent checks are computed from what it read): on
 * PostgreSQL, where several processes push at once, each batch first locks the ids of the records it
 * will read (record-locks.ts, one advisory lock per id, held until commit), so two batches that touch
 * one record run one after the other and the second reads what the first committed; batches on
 * different records run side by side and meet only at the counter. On SQLite the database's single
 * writer serialises whole transactions, so there the order changes nothing.
 */
export async function takeSeqs(db: HubDb, count: number): Promise<number> {
  const row = await db
    .updateTable('hub_meta')
    .set({ value: sql<string>`CAST(CAST(value AS bigint) + ${count} AS text)` })
    .where('key', '=', 'seq')
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value) - count;
}

/** The newest seq, for reads outside a push (is a cursor from the future?). */
export async function readSeq(db: HubDb): Promise<number> {
  const row = await db.selectFrom('hub_meta').select('value').where('key', '=', 'seq').executeTakeFirstOrThrow();
  return Number(row.value);
}
