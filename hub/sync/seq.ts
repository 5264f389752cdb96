import { sql, type CompiledQuery, type Insertable } from 'kysely';
import { poolOf, type HubDb } from '../db/open';
import { dollarQuoted, inlined, pgTransaction, type PgTransaction } from '../db/pg-transaction';
import type { HubDatabase } from '../db/schema';

type OpRow = Insertable<HubDatabase['ops']>;
/** Rows per INSERT on SQLite, well under its limit of bound parameters per statement (11 a row). */
const SQLITE_ROWS = 2_000;
/** PostgreSQL's code for a transaction it aborted to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';
const ATTEMPTS = 3;

/**
 * Runs a batch's last writes of records and references, numbers its op rows (each holding its `seq`
 * in the batch, 1..count), inserts them and, on PostgreSQL, commits; answers the seq before the batch's.
 */
export type AppendOps = (count: number, rows: readonly OpRow[], writes: readonly CompiledQuery[]) => Promise<number>;

/**
 * Runs a batch's first statements (its record locks, then its reads) in order and answers each one's
 * rows: on PostgreSQL as one message that also opens the transaction, so a push waits for one round
 * trip where it waited for four.
 */
export type FirstReads = (queries: readonly CompiledQuery[]) => Promise<Record<string, unknown>[][]>;

/**
 * The op log's sequence counter is one row of `hub_meta`. A transaction that writes ops takes its
 * numbers by updating that row, and holds the row (its lock) until it commits, so only one such
 * transaction is between taking numbers and committing at a time: seq order is commit order (a pull
 * that has seen seq n never later misses an op below n), and seqs have no gaps (a rolled-back push
 * gives its numbers back with the counter). A SEQUENCE or identity column would not do: numbers are
 * taken at insert, not at commit, so a slow transaction holding seq 7 could commit after a pull had
 * already moved its cursor past 8, and that pull would never see 7.
 *
 * Every push passes through that one row, so how long each holds it bounds how many pushes a hub
 * answers a second, whatever its processes. The counter is taken last, after the batch has read,
 * checked and merged every op: on PostgreSQL, in one message with the batch's last writes and the COMMIT
 * (`pgTransaction`'s `commitWith`), so it is held for the time the server takes to run that statement
 * and commit, never across a round trip to a hub process that may be busy with other requests
 * (before this, a push held it across two, and under load pushes queued for the counter).
 *
 * Reading must still see every earlier write to the records a batch touches (LWW merges, ownership
 * and parent checks are computed from what it read): on PostgreSQL, where several processes push at
 * once, each batch first locks the ids of the records it will read (record-locks.ts, one advisory lock
 * per id, held until commit), so two batches that touch one record run one after the other and the
 * second reads what the first committed; batches on different records run side by side and meet only
 * at the counter. On SQLite the database's single writer serialises whole transactions, so there the
 * order changes nothing.
 *
 * `opTransaction` runs `run` in such a transaction, again when PostgreSQL aborted it to break a
 * deadlock (locks taken on demand, by a rule's lookup or a cascade, come after the batch's own, so two
 * batches can wait for each other); everything it did was rolled back with it. `run` ends with
 * `append` when it has ops to write.
 */
export async function opTransaction<T>(db: HubDb, run: (trx: HubDb, append: AppendOps, firstReads: FirstReads) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (!pool) {
        return await db.transaction().execute((trx) =>
          run(
            trx,
            (count, rows, writes) => appendOnSqlite(trx, count, rows, writes),
            async (queries) => {
              const answers: Record<string, unknown>[][] = [];
              for (const query of queries) answers.push((await trx.executeQuery(query)).rows as Record<string, unknown>[]);
              return answers;
            },
          ),
        );
      }
      return await pgTransaction(pool, (tx) =>
        run(
          tx.db,
          (count, rows, writes) => appendAndCommit(tx, count, rows, writes),
          (queries) => tx.sendTogether(queries.map(inlined)),
        ),
      );
    } catch (err) {
      if (attempt >= ATTEMPTS || (err as { code?: unknown }).code !== DEADLOCK_DETECTED) throw err;
    }
  }
}

async function appendOnSqlite(db: HubDb, count: number, rows: readonly OpRow[], writes: readonly CompiledQuery[]): Promise<number> {
  for (const statement of writes) await db.executeQuery(statement);
  const row = await db
    .updateTable('hub_meta')
    .set({ value: sql<string>`CAST(CAST(value AS bigint) + ${count} AS text)` })
    .where('key', '=', 'seq')
    .returning('value')
    .executeTakeFirstOrThrow();
  const base = Number(row.value) - count;
  for (let i = 0; i < rows.length; i += SQLITE_ROWS) {
    await db
      .insertInto('ops')
      .values(rows.slice(i, i + SQLITE_ROWS).map((r) => ({ ...r, seq: Number(r.seq) + base })))
      .execute();
  }
  return base;
}

/**
 * One message: the batch's last writes, then one statement that takes the counter and inserts the rows
 * numbered from it (as one JSON literal), then the COMMIT.
 */
async function appendAndCommit(
  tx: PgTransaction,
  count: number,
  rows: readonly OpRow[],
  writes: readonly CompiledQuery[],
): Promise<number> {
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`cannot take ${count} seqs`);
  const answers = await tx.commitWith([
    ...writes.map(inlined),
    `
    WITH counter AS (
      UPDATE hub_meta SET value = CAST(CAST(value AS bigint) + ${count} AS text) WHERE key = 'seq'
      RETURNING CAST(value AS bigint) - ${count} AS base
    ), inserted AS (
      INSERT INTO ops (seq, op_id, community_id, entity, record_id, action, hlc, author_id, op, received_at, pushed_by)
      SELECT counter.base + r.seq, r.op_id, r.community_id, r.entity, r.record_id, r.action, r.hlc, r.author_id, r.op,
        r.received_at, r.pushed_by
      FROM counter, json_to_recordset(${dollarQuoted(JSON.stringify(rows))}::json) AS r(seq bigint, op_id text, community_id text,
        entity text, record_id text, action text, hlc text, author_id text, op text, received_at bigint, pushed_by text)
    )
    SELECT base FROM counter`,
  ]);
  return Number(answers.at(-1)![0]!.base);
}
