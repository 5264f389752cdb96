import type { EntityName } from '../../common/sync/entities';
import type { RecordState } from '../../common/sync/lww';
import type { Op } from '../../common/sync/ops';
import type { Db } from '../db/open';

/** A synced record as this device knows it: its values as synced and the stamp of each field. */
export interface SyncRecord {
  entity: EntityName;
  id: string;
  communityId: string;
  ownerId: string;
  createdHlc: string;
  deletedHlc: string | null;
  fields: Op['fields'];
  fieldHlcs: Record<string, string>;
}

interface Row {
  entity: EntityName;
  record_id: string;
  community_id: string;
  owner_id: string;
  created_hlc: string;
  deleted_hlc: string | null;
  fields: string;
  field_hlcs: string;
}

function fromRow(r: Row): SyncRecord {
  return {
    entity: r.entity,
    id: r.record_id,
    communityId: r.community_id,
    ownerId: r.owner_id,
    createdHlc: r.created_hlc,
    deletedHlc: r.deleted_hlc,
    fields: JSON.parse(r.fields) as Op['fields'],
    fieldHlcs: JSON.parse(r.field_hlcs) as Record<string, string>,
  };
}

export function getRecord(db: Db, entity: EntityName, id: string): SyncRecord | null {
  const row = db.prepare('SELECT * FROM sync_records WHERE entity = ? AND record_id = ?').get(entity, id) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function isLive(record: SyncRecord | null): record is SyncRecord {
  return record !== null && record.deletedHlc === null;
}

export function recordState(record: SyncRecord | null): RecordState | null {
  if (!record) return null;
  return record.deletedHlc === null
    ? { status: 'live', createdHlc: record.createdHlc, fieldHlcs: record.fieldHlcs }
    : { status: 'deleted', deletedHlc: record.deletedHlc };
}

export function saveRecord(db: Db, r: SyncRecord): void {
  db.prepare(
    `INSERT INTO sync_records (entity, record_id, community_id, owner_id, created_hlc, deleted_hlc, fields, field_hlcs, seen)
     VALUES (@entity, @id, @communityId, @ownerId, @createdHlc, @deletedHlc, @fields, @fieldHlcs, 1)
     ON CONFLICT (entity, record_id) DO UPDATE SET community_id = excluded.community_id, owner_id = excluded.owner_id,
       created_hlc = excluded.created_hlc, deleted_hlc = excluded.deleted_hlc, fields = excluded.fields,
       field_hlcs = excluded.field_hlcs, seen = 1`,
  ).run({ ...r, fields: JSON.stringify(r.fields), fieldHlcs: JSON.stringify(r.fieldHlcs) });
}

/** Live note records of a lesson: what a lesson's unsharing takes off the hub with it. */
export function liveNoteRecordsOf(db: Db, lessonId: string): SyncRecord[] {
  return (
    db
      .prepare(`SELECT * FROM sync_records WHERE entity = 'note' AND deleted_hlc IS NULL AND json_extract(fields, '$.lessonId') = ?`)
      .all(lessonId) as Row[]
  ).map(fromRow);
}

export function markCommunityUnseen(db: Db, communityId: string): void {
  db.prepare('UPDATE sync_records SET seen = 0 WHERE community_id = ?').run(communityId);
}

export function unseenRecords(db: Db, communityId: string): SyncRecord[] {
  return (db.prepare('SELECT * FROM sync_records WHERE community_id = ? AND seen = 0').all(communityId) as Row[]).map(fromRow);
}

export function markSeen(db: Db, entity: EntityName, id: string): void {
  db.prepare('UPDATE sync_records SET seen = 1 WHERE entity = ? AND record_id = ?').run(entity, id);
}

export function deleteCommunityRecords(db: Db, communityId: string): void {
  db.prepare('DELETE FROM sync_records WHERE community_id = ?').run(communityId);
}
