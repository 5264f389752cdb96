import pg from 'pg';

/** int8 (bigint) columns: epoch milliseconds, byte sizes and seqs, all far below 2^53. */
const INT8_OID = 20;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`bigint value ${text} is beyond what the hub handles`);
  return value;
}

/**
 * Type parsers of this pool's clients only (pg's global registry stays untouched): bigint columns
 * come back as numbers, as they do from SQLite, instead of strings.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Checks a `--database` URL and turns it into client settings. Credentials come from the URL or the
 * standard PG* variables (PGPASSWORD, PGUSER...), which pg reads itself.
 */
export function postgresConfig(url: string): pg.ClientConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('--database must be a URL such as postgres://user@host:5432/pchub');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`--database must start with postgres://, not ${parsed.protocol}//`);
  }
  return { connectionString: url, types, application_name: 'practice-circle-hub' };
}

/** The URL without its password, for messages and logs. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database URL';
  }
}

/**
 * A pool whose connections may lose their server (a restart, a failover, an administrator ending
 * them) without ending the process: pg emits such a loss as an 'error' event, on the pool for an idle
 * connection and on the connection itself for one a transaction or a lock holds between queries; an
 * event nobody hears is thrown. Here both are heard; the next query on the lost connection fails
 * instead, plainly, and the pool replaces it.
 */
export function resilientPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** A pool whose first connection has been tried, so a wrong host or password is one clear message. */
export async function openPool(url: string, max: number): Promise<pg.Pool> {
  const pool = resilientPool({ ...postgresConfig(url), max, connectionTimeoutMillis: 10_000 });
  try {
    const client = await pool.connect();
    client.release();
    return pool;
  } catch (err) {
    await pool.end().catch(() => undefined);
    const reason = err instanceof Error ? err.message || (err as { code?: string }).code || err.name : String(err);
    throw new Error(`cannot reach PostgreSQL at ${describeDatabase(url)}: ${reason}`);
  }
}
