import type { RecordState } from '../../common/sync/lww';
import type { HubDb } from '../db/open';

/** What the hub holds about one record while a push is applied. */
export interface CachedRecord {
  head: { ownerId: string; parentId: string | null; createdHlc: string; deletedHlc: string | null; expiresAt: number | null } | null;
  /** Current value (JSON text) and stamp of each field. */
  fields: Map<string, { value: string; hlc: string }>;
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
 * Loads heads and fields of every record with one of `ids`, a few queries per batch instead of a few
 * per op. Ids are device-made UUIDs/ULIDs, so matching on the id alone and keying the result by the
 * full (community, entity, id) is exact.
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
    const chunk = ids.slice(i, i + ID_CHUNK);
    const heads = await db.selectFrom('record_heads').selectAll().where('record_id', 'in', chunk).execute();
    for (const h of heads) {
      entry(recordKey(h.community_id, h.entity, h.record_id)).head = {
        ownerId: h.owner_id,
        parentId: h.parent_id,
        createdHlc: h.created_hlc,
        deletedHlc: h.deleted_hlc,
        expiresAt: h.expires_at,
      };
    }
    const fields = await db.selectFrom('records').selectAll().where('record_id', 'in', chunk).execute();
    for (const f of fields) {
      entry(recordKey(f.community_id, f.entity, f.record_id)).fields.set(f.field, { value: f.value, hlc: f.hlc });
    }
  }
  return cache;
}
