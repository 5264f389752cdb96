import { ERRORS, MemoryLocker, type Lock, type Locker, type RequestRelease } from '@tus/server';
import pg from 'pg';
import { postgresConfig, resilientPool } from '../db/postgres';

/** First key of the two-key advisory lock: tus uploads' own space, apart from the blob lock's. */
const UPLOAD_LOCK_SPACE = 0x70637475; // "pctu"
/** Connections holding upload locks: one for each request on an upload under way in this process. */
const LOCK_CONNECTIONS = 16;
/** How long a request waits for an upload another process is writing before tus answers it with an error. */
const ACQUIRE_TIMEOUT_MS = 30_000;
/** Between tries for a lock another process holds: short at first, at most this long. */
const MAX_POLL_MS = 250;

/** 32 bits of the upload id as the second key: two uploads that share them merely wait for each other. */
function lockKey(uploadId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < uploadId.length; i += 1) hash = Math.imul(hash ^ uploadId.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/**
 * tus's lock on an upload across hub processes on one PostgreSQL database. Within a process tus's own
 * MemoryLocker comes first (it asks a request holding the upload to let go, e.g. one from a studio
 * that has since reconnected); across processes a session-level advisory lock, held on a connection
 * of a small pool of its own while the request runs, so a HEAD on one process waits for a PATCH still
 * writing on another and answers its true offset. A process that dies lets go with its connections.
 */
export class AdvisoryUploadLocker implements Locker {
  private readonly local = new MemoryLocker();
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.pool = resilientPool({ ...postgresConfig(databaseUrl), max: LOCK_CONNECTIONS });
  }

  newLock(id: string): Lock {
    return new AdvisoryUploadLock(this.local.newLock(id), this.pool, [UPLOAD_LOCK_SPACE, lockKey(id)]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

class AdvisoryUploadLock implements Lock {
  private client?: pg.PoolClient;

  constructor(
    private readonly local: Lock,
    private readonly pool: pg.Pool,
    private readonly keys: [number, number],
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    await this.local.lock(signal, requestRelease);
    try {
      this.client = await this.acquire(signal);
    } catch (err) {
      await this.local.unlock();
      throw err;
    }
  }

  private async acquire(signal: AbortSignal): Promise<pg.PoolClient> {
    const deadline = Date.now() + ACQUIRE_TIMEOUT_MS;
    const client = await this.pool.connect();
    try {
      for (let wait = 10; ; wait = Math.min(MAX_POLL_MS, wait * 2)) {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', this.keys);
        if (rows[0]?.locked) return client;
        if (signal.aborted || Date.now() + wait > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    } catch (err) {
      client.release();
      throw err;
    }
  }

  async unlock(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      const unlocked = await client.query('SELECT pg_advisory_unlock($1, $2)', this.keys).then(
        () => true,
        () => false,
      );
      // A connection that failed to unlock is closed rather than reused: closing lets go of the lock.
      client.release(!unlocked);
    }
    await this.local.unlock();
  }
}
