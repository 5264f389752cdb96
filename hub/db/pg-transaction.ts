import { randomBytes } from 'node:crypto';
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
   * parameters: values go in as `dollarQuoted` texts or through `inlined`) and answers each
   * statement's rows. A lock the statements take is held until the server has committed, and no
   * longer: no answer travels to this process and no next message back while it is held.
   */
  commitWith(statements: readonly string[]): Promise<Record<string, unknown>[][]>;
  /**
   * Sends `statements` as one message (as `commitWith`, without parameters), opening the transaction
   * in it when nothing has been sent yet, and answers each statement's rows: a batch's locks and first
   * reads travel together, in order, as one round trip.
   */
  sendTogether(statements: readonly string[]): Promise<Record<string, unknown>[][]>;
}

/** This process's usual dollar-quote tag; a text it would not close is given a fresh one. */
let usualTag = freshTag();

function freshTag(): string {
  return `$q${randomBytes(8).toString('hex')}$`;
}

/**
 * A text as a dollar-quoted SQL literal, `$q<random>$…$q<random>$`: PostgreSQL takes everything
 * between the tags as it is, so nothing is escaped (pg's escapeLiteral walks a text a character at a
 * time, which for a batch of a thousand ops cost more than the statement). The text ends at the first
 * occurrence of the tag after the opening one, so a tag is used only when that occurrence is the
 * closing tag itself: not inside the text, nor made of the text's end and the closing tag's start.
 * That check, not the tag's secrecy, is what makes the literal safe, so one random tag serves every
 * text (drawing random bytes for each of a push's thousands of values cost a third of a second in a
 * bench minute); a text that holds it gets a new one, which from then on is the usual tag.
 */
export function dollarQuoted(text: string): string {
  for (;;) {
    const tag = usualTag;
    if ((text + tag).indexOf(tag) === text.length) return tag + text + tag;
    usualTag = freshTag();
  }
}

/** A parameter as SQL: the kinds of value the hub binds (text, numbers, null, booleans), nothing else. */
function sqlValue(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return dollarQuoted(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  throw new Error(`cannot write a ${typeof value} into a statement`);
}

/**
 * A compiled query as text of its own, its parameters written in as literals (for `commitWith`).
 * Kysely writes parameters as $1, $2…, and never a $ of its own: identifiers are the hub's tables.
 */
export function inlined(query: CompiledQuery): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => sqlValue(query.parameters[Number(n) - 1]));
}

/**
 * Runs `run` in a transaction on one pooled connection, committed when it returns (unless it ended
 * with `commitWith`) and rolled back when it throws. Kysely's own transactions cannot end this way:
 * they send COMMIT only after the last statement's answer has come back (seq.ts says why that wait
 * matters). The connection goes back to the pool afterwards, or is dropped if it failed.
 */
export async function pgTransaction<T>(pool: pg.Pool, run: (tx: PgTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // BEGIN goes out with the transaction's first message (`sendTogether`), or on its own just before
  // its first query: a transaction that reads nothing in the end sends nothing.
  let begun = false;
  let ended = false;
  const send = async (statements: readonly string[]) => {
    const opening = begun ? [] : ['BEGIN'];
    begun = true;
    const answers = (await client.query([...opening, ...statements].join(';\n'))) as unknown as pg.QueryResult | pg.QueryResult[];
    // pg answers a message of one statement with its result, of several with a list.
    return (Array.isArray(answers) ? answers : [answers]).slice(opening.length).map((answer) => answer.rows as Record<string, unknown>[]);
  };
  // Kysely gives back its connection after every query; this one stays the transaction's until it ends.
  const kept = new Proxy(client, {
    get(target, key) {
      if (key === 'release') return () => undefined;
      if (key === 'query') {
        return async (...args: Parameters<pg.Client['query']>) => {
          if (!begun) await send([]);
          return (target.query as (...a: unknown[]) => unknown)(...args);
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const single = { connect: async () => kept, end: async () => undefined } as unknown as pg.Pool;
  const db = new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool: single }) });
  try {
    const result = await run({
      db,
      sendTogether: (statements) => (statements.length ? send(statements) : Promise.resolve([])),
      async commitWith(statements) {
        // Answered or not, the transaction is over: committed, or aborted (the rollback below ends it).
        ended = true;
        return (await send([...statements, 'COMMIT'])).slice(0, -1);
      },
    });
    if (begun && !ended) await client.query('COMMIT');
    client.release();
    return result;
  } catch (err) {
    try {
      if (begun) await client.query('ROLLBACK');
      client.release();
    } catch (lost) {
      client.release(lost as Error);
    }
    throw err;
  }
}
