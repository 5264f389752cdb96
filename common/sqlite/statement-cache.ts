/**
 * Makes `db.prepare` hand back the statement it compiled before for the same SQL text (better-sqlite3
 * statements are reusable). Sync applies and writes thousands of rows per push or pull, and compiling
 * the same SQL for each of them costs more than running it. The least recently used statements are
 * let go past `max`, so SQL built with varying shapes cannot grow the cache without bound. A cached
 * statement is shared: callers must not switch its modes (`pluck`, `raw`, `expand`).
 */
export function cachePreparedStatements<D extends { prepare(source: string): unknown }>(db: D, max = 500): D {
  const prepare = db.prepare.bind(db) as (source: string) => ReturnType<D['prepare']>;
  const cache = new Map<string, ReturnType<D['prepare']>>();
  db.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) cache.delete(source);
    else statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return statement;
  }) as D['prepare'];
  return db;
}
