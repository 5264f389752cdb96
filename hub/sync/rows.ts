import type { Insertable } from 'kysely';
import { entityDefinition, entityNames } from '../../common/sync/entities';
import type { Op } from '../../common/sync/ops';
import type { HubDatabase } from '../db/schema';
import type { PendingWrites } from './pending-writes';
import type { CachedRecord } from './record-cache';

/**
 * How the hub stores what a push changes: an op as its op-log row, a record as its `records` row, and
 * reference fields as `record_refs` rows. Every value is JSON text, as it arrived.
 */

export const allBlobFields = [...new Set(entityNames.flatMap((name) => entityDefinition(name).blobFields))];
/** Fields looked up by value: media blobs (to know when storage can go) and rubrics (to know when one is in use). */
export const referenceFields = new Set([...allBlobFields, 'rubricId']);

export function fieldValues(record: CachedRecord): Record<string, unknown> {
  return Object.fromEntries([...record.fields].map(([field, { value }]) => [field, value]));
}

/** The op-log row; `pushedBy` is the pushing session (ops the hub makes itself have none). */
export function opRow(op: Op, seq: number, pushedBy: string | null, receivedAt: number): Insertable<HubDatabase['ops']> {
  return {
    seq,
    op_id: op.opId,
    community_id: op.communityId,
    entity: op.entity,
    record_id: op.id,
    action: op.action,
    hlc: op.hlc,
    author_id: op.authorId,
    op: JSON.stringify(op),
    received_at: receivedAt,
    pushed_by: pushedBy,
  };
}

/** Queues the record's row as it now stands (a record with no head has none). */
export function saveRecord(pending: PendingWrites, op: Op, key: string, record: CachedRecord): void {
  const { head } = record;
  if (!head) return;
  pending.setRecord(key, {
    community_id: op.communityId,
    entity: op.entity,
    record_id: op.id,
    owner_id: head.ownerId,
    parent_id: head.parentId,
    created_hlc: head.createdHlc,
    deleted_hlc: head.deletedHlc,
    expires_at: head.expiresAt,
    fields: JSON.stringify(fieldValues(record)),
    field_hlcs: JSON.stringify(Object.fromEntries([...record.fields].map(([field, { hlc }]) => [field, hlc]))),
  });
}

/** Queues the reference rows of the fields an op wrote (a null value removes the reference). */
export function saveRefs(pending: PendingWrites, op: Op, key: string, fields: Op['fields']): void {
  for (const [field, value] of Object.entries(fields)) {
    if (!referenceFields.has(field)) continue;
    pending.setRef(
      key,
      { community_id: op.communityId, entity: op.entity, record_id: op.id, field },
      value === null ? null : JSON.stringify(value),
    );
  }
}
