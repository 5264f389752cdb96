import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';

/** Parents before children, for the foreign keys. */
export const TABLES_IN_ORDER: (keyof HubDatabase)[] = [
  'users',
  'sessions',
  'auth_attempts',
  'communities',
  'members',
  'invites',
  'ops',
  'records',
  'record_refs',
  'blobs',
  // The communities' signing keys and what they signed: without them the moved hub would make new
  // keys, and could neither serve nor revoke the status of credentials already awarded.
  'credential_issuers',
  'issued_credentials',
];

const PAGE = 1000;

/** The source hub's SQLite file, read-only: copying never changes it. */
export function openSource(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, 'hub.sqlite'), { readonly: true, fileMustExist: true });
}

/** Refuses a source that is not at the schema this hub writes (an older hub must be started once first). */
export function checkSourceSchema(source: Database.Database, known: readonly string[]): void {
  const applied = (source.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  if (applied.join() !== known.join()) {
    throw new Error(
      `the source hub's schema (${applied.at(-1) ?? 'none'}) is not this hub's (${known.at(-1)}); start it once with this version first`,
    );
  }
}

/**
 * Copies every row of every table, a page at a time in rowid order. A row already there (same key)
 * is skipped, so running the copy again after an interruption continues where it stopped.
 */
export async function copyTables(source: Database.Database, target: HubDb, onTable: (table: string, rows: number) => void): Promise<void> {
  // The op log's name and counter first: studios' cursors stay valid on the new database, and a
  // re-run recognises a half-done copy of this same source by its epoch.
  const meta = source.prepare("SELECT key, value FROM hub_meta WHERE key IN ('epoch', 'seq')").all() as { key: string; value: string }[];
  for (const { key, value } of meta) {
    await target
      .insertInto('hub_meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
  for (const table of TABLES_IN_ORDER) {
    const page = source.prepare(`SELECT rowid AS _rowid, * FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE}`);
    let after = 0;
    let copied = 0;
    for (;;) {
      const rows = page.all(after) as ({ _rowid: number } & Record<string, unknown>)[];
      if (rows.length === 0) break;
      after = rows.at(-1)!._rowid;
      const values = rows.map(({ _rowid, ...row }) => row);
      await target
        .insertInto(table)
        .values(values as never)
        .onConflict((oc) => oc.doNothing())
        .execute();
      copied += rows.length;
    }
    onTable(table, copied);
  }
}

/** True when the target holds nothing yet, or a (partial) copy of this very source. */
export async function targetFits(source: Database.Database, target: HubDb): Promise<boolean> {
  const used = await target.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const ops = await target.selectFrom('ops').select('seq').limit(1).executeTakeFirst();
  if (!used && !ops) return true;
  const epochOf = async () => (await target.selectFrom('hub_meta').select('value').where('key', '=', 'epoch').executeTakeFirst())?.value;
  const sourceEpoch = (source.prepare("SELECT value FROM hub_meta WHERE key = 'epoch'").get() as { value: string } | undefined)?.value;
  return sourceEpoch !== undefined && (await epochOf()) === sourceEpoch;
}

/** Rows per table on both sides; throws naming every table that differs. */
export async function verifyTables(source: Database.Database, target: HubDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const differ: string[] = [];
  for (const table of [...TABLES_IN_ORDER, 'hub_meta' as const]) {
    const { n } = source.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
    const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(target);
    const copied = Number(rows[0]!.n);
    counts[table] = n;
    if (copied !== n) differ.push(`${table}: ${n} in the source, ${copied} copied`);
  }
  if (differ.length > 0) throw new Error(`the copy differs from the source: ${differ.join('; ')}`);
  return counts;
}
