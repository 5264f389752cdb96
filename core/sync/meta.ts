import type { Db } from '../db/open';

/** Small named values of the sync engine (node id, clock, account, hub address), one row each. */
export function readMeta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM sync_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeMeta(db: Db, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM sync_meta WHERE key = ?').run(key);
  else
    db.prepare('INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function readMetaJson<T>(db: Db, key: string): T | null {
  const value = readMeta(db, key);
  return value === null ? null : (JSON.parse(value) as T);
}
