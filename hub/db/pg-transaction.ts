import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { HubDb } from './open';
import type { HubDatabase } from './schema';

/** A transaction on one PostgreSQL connection (`pgTransaction`). */
export interface PgTransaction {
  /** The connection as a Kysely of its own: every query of the transaction goes through it. */
  db: HubDb;
  /**
   * Ends the transaction: sends `statements` and COMMIT as one message (the simple protocol, so no
   * parameters: values go in with `literal`) and answers each statement's rows. A lock the statements
   * take is held until the server has committed, and no longer: no answer travels to this process and
   * no next message back while it is held.
   */
  commitWith(statements: readonly string[]): Promise<Record<string, unknown>[][]>;
  /** A value as an SQL string literal, escaped by pg. */
  literal(value: string): string;
  /** A compiled query as text of its own, its parameters written in as literals (for `commitWith`). */
  inline(query: CompiledQuery): string;
}

/** A parameter as SQL: the kinds of value the hub binds (text, numbers, null, booleans), nothing else. */
function sqlValue(value: unknown, literal: (text: string) => string): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return literal(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  throw new Error(`cannot write a ${typeof value} into a statement`);
}

/**
 * Runs `run` in a transaction on one pooled connection, committed when it returns (unless it ended
 * with `commitWith`) and rolled back when it throws. Kysely's own transactions cannot end this way:
 * they send COMMIT only after the last statement's answer has come back (seq.ts says why that wait
 * matters). The connection goes back to the pool afterwards, or is dropped if it failed.
 */
export async function pgTransaction<T>(pool: pg.Pool, run: (tx: PgTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // Kysely gives back its connection after every query; this one stays the transaction's until it ends.
  const kept = new Proxy(client, {
    get(target, key) {
      if (key === 'release') return () => undefined;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const single = { connect: async () => kept, end: async () => undefined } as unknown as pg.Pool;
  const db = new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool: single }) });
  let ended = false;
  try {
    await client.query('BEGIN');
    const result = await run({
      db,
      literal: (value) => client.escapeLiteral(value),
      // Kysely writes parameters as $1, $2…, and never a $ of its own: identifiers are the hub's tables.
      inline: (query) =>
        query.sql.replace(/\$(\d+)/g, (_, n: string) => sqlValue(query.parameters[Number(n) - 1], (v) => client.escapeLiteral(v))),
      async commitWith(statements) {
        // Answered or not, the transaction is over: committed, or aborted (the rollback below ends it).
        ended = true;
        const answers = (await client.query(`${statements.join(';\n')};\nCOMMIT`)) as unknown as pg.QueryResult[];
        return answers.slice(0, -1).map((answer) => answer.rows as Record<string, unknown>[]);
      },
    });
    if (!ended) await client.query('COMMIT');
    client.release();
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch (lost) {
      client.release(lost as Error);
    }
    throw err;
  }
}
