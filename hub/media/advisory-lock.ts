import pg from 'pg';
import { postgresConfig, resilientPool } from '../db/postgres';
import type { BlobLock } from './keyed-lock';

/** First key of the two-key advisory lock: this lock's own space, apart from any other use of advisory locks. */
const BLOB_LOCK_SPACE = 0x70636862; // "pchb"
/** Connections held by waiting or running blob tasks; more wait for one. */
const LOCK_CONNECTIONS = 4;

/** 32 bits of the sha256 as the second key: two blobs that share them merely wait for each other. */
function lockKey(sha256: string): number {
  return Number.parseInt(sha256.slice(0, 8), 16) | 0;
}

/**
 * The blob lock across hub processes on one PostgreSQL database: a session-level advisory lock on
 * a connection of a small pool of its own, held while the task runs (the task itself uses the main
 * pool, so it can never wait for a connection its own lock holds). A process that dies lets go of
 * its locks with its connections.
 */
export class AdvisoryBlobLock implements BlobLock {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.pool = resilientPool({ ...postgresConfig(databaseUrl), max: LOCK_CONNECTIONS });
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const keys = [BLOB_LOCK_SPACE, lockKey(key)];
    let locked = false;
    try {
      await client.query('SELECT pg_advisory_lock($1, $2)', keys);
      locked = true;
      return await task();
    } finally {
      const unlocked =
        locked &&
        (await client.query('SELECT pg_advisory_unlock($1, $2)', keys).then(
          () => true,
          () => false,
        ));
      // A connection that failed to lock or unlock is closed rather than reused: closing lets go of any lock it holds.
      client.release(!unlocked);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
