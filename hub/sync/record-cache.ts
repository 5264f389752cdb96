import type { RecordState } from '../../common/sync/lww';
import type { CompiledQuery, Selectable } from 'kysely';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';

/**
 * What the hub holds about one record while a push is applied. The cache lives for one transaction,
 * each record loaded once its id is locked (seq.ts, record-locks.ts), so it holds what every earlier
 * push committed to it, whichever process made it; nothing is kept between requests.
 */
export interface CachedRecord {
  head: { ownerId: string; parentId: string | null; createdHlc: string; deletedHlc: string | null; expiresAt: number | null } | null;
  /** Current value and stamp of each field. */
  fields: Map<string, { value: unknown; hlc: string }>;
}

export function recordKey(communityId: string, entity: string, id: string): string {
  return `${communityId}/${entity}/${id}`;
}

export function toRecordState(record: CachedRecord): RecordState | null {
  const { head } = record;
  if (!head) return null;
  if (head.deletedHlc !== null) return { status: 'deleted', deletedHlc: head.deletedHlc };
  const fieldHlcs: Record<string, string> = {};
  for (const [field, { hlc }] of record.fields) fieldHlcs[field] = hlc;
  return { status: 'live', createdHlc: head.createdHlc, fieldHlcs };
}

const ID_CHUNK = 500;

/**
 * The queries that load every record with one of `ids`, one per 500 ids rather than one per op. Ids
 * are device-made UUIDs/ULIDs, so matching on the id alone and keying the result by the full
 * (community, entity, id) is exact.
 */
export function recordQueries(db: HubDb, ids: readonly string[]): CompiledQuery[] {
  const queries: CompiledQuery[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    queries.push(
      db
        .selectFrom('records')
        .selectAll()
        .where('record_id', 'in', ids.slice(i, i + ID_CHUNK))
        .compile(),
    );
  }
  return queries;
}

/** The records `recordQueries` answered, by key. */
export function recordsFrom(rows: readonly Selectable<HubDatabase['records']>[]): Map<string, CachedRecord> {
  const cache = new Map<string, CachedRecord>();
  for (const r of rows) {
    const record: CachedRecord = {
      head: {
        ownerId: r.owner_id,
        parentId: r.parent_id,
        createdHlc: r.created_hlc,
        deletedHlc: r.deleted_hlc,
        expiresAt: r.expires_at,
      },
      fields: new Map(),
    };
    const values = JSON.parse(r.fields) as Record<string, unknown>;
    for (const [field, hlc] of Object.entries(JSON.parse(r.field_hlcs) as Record<string, string>))
      record.fields.set(field, { value: values[field], hlc });
    cache.set(recordKey(r.community_id, r.entity, r.record_id), record);
  }
  return cache;
}

/** Loads every record with one of `ids` (`recordQueries`, run one after the other). */
export async function loadRecords(db: HubDb, ids: readonly string[]): Promise<Map<string, CachedRecord>> {
  const rows: Selectable<HubDatabase['records']>[] = [];
  for (const query of recordQueries(db, ids)) rows.push(...((await db.executeQuery(query)).rows as Selectable<HubDatabase['records']>[]));
  return recordsFrom(rows);
}
