import type { Insertable } from 'kysely';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';

type Row<T extends keyof HubDatabase> = Insertable<HubDatabase[T]>;

/** Stays well under SQLite's limit of bound parameters per statement. */
const MAX_PARAMS = 30_000;

function chunks<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Writes of one push, collected and sent as multi-row statements: a batch of hundreds of ops costs a
 * handful of statements rather than several per op. Anything that reads or deletes stored rows of the
 * same batch must `flush()` first.
 */
export class PendingWrites {
  private ops: Row<'ops'>[] = [];
  private records = new Map<string, Row<'records'>>();
  private heads = new Map<string, Row<'record_heads'>>();

  addOp(row: Row<'ops'>): void {
    this.ops.push(row);
  }

  setField(key: string, row: Row<'records'>): void {
    this.records.set(`${key}/${row.field}`, row);
  }

  setHead(key: string, row: Row<'record_heads'>): void {
    this.heads.set(key, row);
  }

  async flush(db: HubDb): Promise<void> {
    const ops = this.ops;
    const records = [...this.records.values()];
    const heads = [...this.heads.values()];
    this.ops = [];
    this.records.clear();
    this.heads.clear();
    for (const chunk of chunks(ops, 10)) await db.insertInto('ops').values(chunk).execute();
    for (const chunk of chunks(heads, 8)) {
      await db
        .insertInto('record_heads')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['community_id', 'entity', 'record_id']).doUpdateSet((eb) => ({
            owner_id: eb.ref('excluded.owner_id'),
            parent_id: eb.ref('excluded.parent_id'),
            created_hlc: eb.ref('excluded.created_hlc'),
            deleted_hlc: eb.ref('excluded.deleted_hlc'),
            expires_at: eb.ref('excluded.expires_at'),
          })),
        )
        .execute();
    }
    for (const chunk of chunks(records, 6)) {
      await db
        .insertInto('records')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['community_id', 'entity', 'record_id', 'field']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            hlc: eb.ref('excluded.hlc'),
          })),
        )
        .execute();
    }
  }
}
