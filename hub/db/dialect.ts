import { PostgresAdapter, sql, type RawBuilder } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL need different SQL, each as one small function; every
 * other query is plain Kysely and runs unchanged on both.
 */
export type DialectName = 'sqlite' | 'postgres';

/** Any Kysely instance, whatever its tables. */
interface AnyDb {
  getExecutor(): { adapter: unknown };
}

export function dialectOf(db: AnyDb): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** A JSON object text built from (key, JSON text value) pairs of a group, as text. */
export function jsonObjectAgg(db: AnyDb, key: RawBuilder<unknown>, jsonText: RawBuilder<unknown>): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`json_object_agg(${key}, (${jsonText})::json)::text`
    : sql<string>`json_group_object(${key}, json(${jsonText}))`;
}

/** Same, for plain text values (stored as JSON strings). */
export function jsonObjectAggText(db: AnyDb, key: RawBuilder<unknown>, text: RawBuilder<unknown>): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`json_object_agg(${key}, ${text})::text`
    : sql<string>`json_group_object(${key}, ${text})`;
}

/** A text without its first character: PostgreSQL's `substr` counts its way through a UTF-8 text, `right` does not. */
export function withoutFirstChar(db: AnyDb, text: RawBuilder<unknown>): RawBuilder<string> {
  return dialectOf(db) === 'postgres' ? sql<string>`right(${text}, -1)` : sql<string>`substr(${text}, 2)`;
}
