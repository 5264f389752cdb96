import type { RecordState } from '../../common/sync/lww';
import type { HubDb } from '../db/open';

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
 * Loads every record with one of `ids`, one query per 500 ids rather than one per op. Ids are
 * device-made UUIDs/ULIDs, so matching on the id alone and keying the result by the full
 * (community, entity, id) is exact.
 */
export async function loadRecords(db: HubDb, ids: readonly string[]): Promise<Map<string, CachedRecord>> {
  const cache = new Map<string, CachedRecord>();
  const entry = (key: string): CachedRecord => {
    let record = cache.get(key);
    if (!record) {
      record = { head: null, fields: new Map() };
      cache.set(key, record);
    }
    return record;
  };
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows = await db
      .selectFrom('records')
      .selectAll()
      .where('record_id', 'in', ids.slice(i, i + ID_CHUNK))
      .execute();
    for (const r of rows) {
      const record = entry(recordKey(r.community_id, r.entity, r.record_id));
      record.head = {
        ownerId: r.owner_id,
        parentId: r.parent_id,
        createdHlc: r.created_hlc,
        deletedHlc: r.deleted_hlc,
        expiresAt: r.expires_at,
      };
      const values = JSON.parse(r.fields) as Record<string, unknown>;
      for (const [field, hlc] of Object.entries(JSON.parse(r.field_hlcs) as Record<string, string>))
        record.fields.set(field, { value: values[field], hlc });
    }
  }
  return cache;
}
