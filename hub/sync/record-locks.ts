import { sql, type CompiledQuery } from 'kysely';
import { dialectOf } from '../db/dialect';
import type { HubDb } from '../db/open';

/** First key of the two-key advisory lock: records' own space, apart from uploads' and blobs'. */
const RECORD_LOCK_SPACE = 0x70637263; // "pcrc"

/** 32 bits of the id (FNV-1a) as the second key: two ids that share them merely wait for each other. */
export function recordLockKey(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/**
 * The ids a transaction that writes ops holds on PostgreSQL, each until it commits (seq.ts says why):
 * a transaction-level advisory lock per id, whatever the community, taken before the records with
 * that id are read. On SQLite the database's single writer already serialises these transactions,
 * so nothing is taken.
 */
export class RecordLocks {
  private readonly held = new Set<string>();
  private readonly enabled: boolean;

  constructor(private readonly db: HubDb) {
    this.enabled = dialectOf(db) === 'postgres';
  }

  /** Locks every id not held yet, in one statement, in key order (two batches locking up front cannot deadlock). */
  async lock(ids: Iterable<string>): Promise<void> {
    const query = this.lockQuery(ids);
    if (query) await this.db.executeQuery(query);
  }

  /** The statement that `lock` runs (null when there is nothing to take), for a caller that sends it with others. */
  lockQuery(ids: Iterable<string>): CompiledQuery | null {
    if (!this.enabled) return null;
    const keys = new Set<number>();
    for (const id of ids) {
      if (this.held.has(id)) continue;
      this.held.add(id);
      keys.add(recordLockKey(id));
    }
    if (keys.size === 0) return null;
    // 32-bit integers, written in as they are (an array parameter could not travel inlined, pg-transaction.ts).
    const sorted = sql.raw([...keys].sort((a, b) => a - b).join(','));
    return sql`SELECT count(pg_advisory_xact_lock(${RECORD_LOCK_SPACE}::int, k)) FROM unnest(ARRAY[${sorted}]::int[]) AS k`.compile(
      this.db,
    );
  }
}
