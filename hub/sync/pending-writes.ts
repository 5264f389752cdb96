import type { CompiledQuery, Insertable } from 'kysely';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';

type Row<T extends keyof HubDatabase> = Insertable<HubDatabase[T]>;
type RefKey = Pick<Row<'record_refs'>, 'community_id' | 'entity' | 'record_id' | 'field'>;

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
 * handful of statements rather than several per op. Anything that reads or deletes stored records or
 * references of the same batch must `flush()` first. What is still pending at the end (`takeWrites`,
 * `takeOps`) goes with the statement that numbers the ops (seq.ts): until the batch takes its seqs,
 * its op rows hold numbers counted from 0.
 */
export class PendingWrites {
  private ops: Row<'ops'>[] = [];
  private records = new Map<string, Row<'records'>>();
  /** A reference field's new value, or null once it holds none. */
  private refs = new Map<string, { key: RefKey; value: string | null }>();

  addOp(row: Row<'ops'>): void {
    this.ops.push(row);
  }

  /** Forgets the batch's ops on a record (deleted in the same batch: nobody may pull them). */
  dropOps(communityId: string, entity: string, recordId: string): void {
    this.ops = this.ops.filter((o) => o.community_id !== communityId || o.entity !== entity || o.record_id !== recordId);
  }

  /** The op rows, numbered in the batch, for `AppendOps` (seq.ts) to number and insert. */
  takeOps(): Row<'ops'>[] {
    const ops = this.ops;
    this.ops = [];
    return ops;
  }

  setRecord(key: string, row: Row<'records'>): void {
    this.records.set(key, row);
  }

  setRef(key: string, ref: RefKey, value: string | null): void {
    this.refs.set(`${key}/${ref.field}`, { key: ref, value });
  }

  /** Writes the records and references (not the ops). */
  async flush(db: HubDb): Promise<void> {
    for (const statement of this.takeWrites(db)) await db.executeQuery(statement);
  }

  /** The statements that write the records and references (not the ops), which are then no longer pending. */
  takeWrites(db: HubDb): CompiledQuery[] {
    const records = [...this.records.values()];
    const refs = [...this.refs.values()];
    this.records.clear();
    this.refs.clear();
    const statements: CompiledQuery[] = [];
    for (const chunk of chunks(records, 10)) {
      statements.push(
        db
          .insertInto('records')
          .values(chunk)
          .onConflict((oc) =>
            oc.columns(['community_id', 'entity', 'record_id']).doUpdateSet((eb) => ({
              owner_id: eb.ref('excluded.owner_id'),
              parent_id: eb.ref('excluded.parent_id'),
              created_hlc: eb.ref('excluded.created_hlc'),
              deleted_hlc: eb.ref('excluded.deleted_hlc'),
              expires_at: eb.ref('excluded.expires_at'),
              fields: eb.ref('excluded.fields'),
              field_hlcs: eb.ref('excluded.field_hlcs'),
            })),
          )
          .compile(),
      );
    }
    for (const { key } of refs.filter((r) => r.value === null)) {
      statements.push(
        db
          .deleteFrom('record_refs')
          .where('record_id', '=', key.record_id)
          .where('community_id', '=', key.community_id)
          .where('entity', '=', key.entity)
          .where('field', '=', key.field)
          .compile(),
      );
    }
    const set = refs.flatMap(({ key, value }) => (value === null ? [] : [{ ...key, value }]));
    for (const chunk of chunks(set, 5)) {
      statements.push(
        db
          .insertInto('record_refs')
          .values(chunk)
          .onConflict((oc) =>
            oc.columns(['record_id', 'community_id', 'entity', 'field']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
          )
          .compile(),
      );
    }
    return statements;
  }
}
