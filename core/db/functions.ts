import type Database from 'better-sqlite3';
import { foldForSearch } from '../search/fold';

/**
 * SQL functions the schema's triggers call; every connection to a library needs them before it writes.
 * `fold_text` is what the search index stores (core/search/fold.ts).
 */
export function registerSqlFunctions(db: Database.Database): void {
  db.function('fold_text', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : text));
}
