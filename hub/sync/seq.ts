import { sql, type Insertable } from 'kysely';
import { dialectOf } from '../db/dialect';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';

type OpRow = Insertable<HubDatabase['ops']>;
/** Rows per INSERT on SQLite, well under its limit of bound parameters per statement (11 a row). */
const SQLITE_ROWS = 2_000;

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
 * records, in the statement that inserts its ops: what it holds the counter across is that statement
 * and the commit, two round trips, not the whole push. Reading must still see every earlier write to the
 * records it touches (LWW merges, ownership and parent checks are computed from what it read): on
 * PostgreSQL, where several processes push at once, each batch first locks the ids of the records it
 * will read (record-locks.ts, one advisory lock per id, held until commit), so two batches that touch
 * one record run one after the other and the second reads what the first committed; batches on
 * different records run side by side and meet only at the counter. On SQLite the database's single
 * writer serialises whole transactions, so there the order changes nothing.
 *
 * `appendOps` takes `count` seqs and inserts the batch's op rows, each numbered from the counter: its
 * `seq` in the batch (1..count) plus the counter's value before, which it answers.
 */
export async function appendOps(db: HubDb, count: number, rows: readonly OpRow[]): Promise<number> {
  if (dialectOf(db) === 'sqlite') {
    const base = await takeSeqs(db, count);
    for (let i = 0; i < rows.length; i += SQLITE_ROWS) {
      await db
        .insertInto('ops')
        .values(rows.slice(i, i + SQLITE_ROWS).map((row) => ({ ...row, seq: Number(row.seq) + base })))
        .execute();
    }
    return base;
  }
  // One statement: the counter's new value and the rows, numbered from it, as JSON of one parameter.
  const { rows: result } = await sql<{ base: string }>`
    WITH counter AS (
      UPDATE hub_meta SET value = CAST(CAST(value AS bigint) + ${count} AS text) WHERE key = 'seq'
      RETURNING CAST(value AS bigint) - ${count} AS base
    ), inserted AS (
      INSERT INTO ops (seq, op_id, community_id, entity, record_id, action, hlc, author_id, op, received_at, pushed_by)
      SELECT counter.base + r.seq, r.op_id, r.community_id, r.entity, r.record_id, r.action, r.hlc, r.author_id, r.op,
        r.received_at, r.pushed_by
      FROM counter, json_to_recordset(${JSON.stringify(rows)}::json) AS r(seq bigint, op_id text, community_id text,
        entity text, record_id text, action text, hlc text, author_id text, op text, received_at bigint, pushed_by text)
    )
    SELECT base FROM counter`.execute(db);
  return Number(result[0]!.base);
}

async function takeSeqs(db: HubDb, count: number): Promise<number> {
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
