import { v7 as uuidv7 } from 'uuid';
import { childEntitiesOf, entityDefinition } from '../../common/sync/entities';
import type { Op } from '../../common/sync/ops';
import type { HubDb } from '../db/open';
import type { PendingWrites } from './pending-writes';
import { recordKey, type CachedRecord } from './record-cache';
import { allBlobFields, opRow, saveRecord } from './rows';

/** What removing a record needs of the batch it happens in. */
export interface TombstoneBatch {
  db: HubDb;
  pending: PendingWrites;
  now: number;
  /** The op's seq in the batch (counted from 0 until the batch takes its seqs), counted for the op's community. */
  nextSeq(op: Op): number;
  /** A child record, locked and loaded when the batch has not seen it yet. */
  child(key: string, id: string): Promise<CachedRecord>;
  /** `community|sha256` of blobs that a deleted record referenced. */
  releaseCandidates: Set<string>;
}

/**
 * Tombstones a record and removes what it held from the hub: its field values, its earlier ops (so
 * nobody can pull them any more), its children (each with its own tombstone op) and its claim on
 * media blobs. Devices drop their copies when they pull the tombstones. Returns the tombstone's seq.
 */
export async function tombstone(
  batch: TombstoneBatch,
  op: Op,
  key: string,
  record: CachedRecord,
  pushedBy: string | null,
): Promise<number> {
  const { db, pending } = batch;
  const seq = batch.nextSeq(op);
  for (const field of entityDefinition(op.entity).blobFields) {
    const value = record.fields.get(field)?.value;
    if (typeof value === 'string') batch.releaseCandidates.add(`${op.communityId}|${value}`);
  }
  await pending.flush(db);
  // Every stored op of the record is older (its writers held its lock and committed before this
  // batch read it); the batch's own are not stored until it takes its seqs.
  pending.dropOps(op.communityId, op.entity, op.id);
  await db
    .deleteFrom('ops')
    .where('community_id', '=', op.communityId)
    .where('entity', '=', op.entity)
    .where('record_id', '=', op.id)
    .execute();
  await db
    .deleteFrom('record_refs')
    .where('record_id', '=', op.id)
    .where('community_id', '=', op.communityId)
    .where('entity', '=', op.entity)
    .execute();
  record.fields.clear();
  if (record.head) Object.assign(record.head, { deletedHlc: op.hlc, expiresAt: null });
  pending.addOp(opRow({ ...op, fields: {} }, seq, pushedBy, batch.now));
  saveRecord(pending, op, key, record);

  for (const child of childEntitiesOf(op.entity)) {
    const rows = await db
      .selectFrom('records')
      .select('record_id')
      .where('community_id', '=', op.communityId)
      .where('entity', '=', child)
      .where('parent_id', '=', op.id)
      .where('deleted_hlc', 'is', null)
      .execute();
    for (const { record_id } of rows) {
      const childKey = recordKey(op.communityId, child, record_id);
      const childRecord = await batch.child(childKey, record_id);
      // Deleted meanwhile by a batch that held it before this one did.
      if (!childRecord.head || childRecord.head.deletedHlc !== null) continue;
      const childOp: Op = { ...op, opId: uuidv7(), entity: child, id: record_id };
      await tombstone(batch, childOp, childKey, childRecord, null);
    }
  }
  return seq;
}

/** Drops a community's claim on blobs no live record there references; returns blobs nobody claims. */
export async function releaseBlobs(db: HubDb, candidates: ReadonlySet<string>): Promise<string[]> {
  const released: string[] = [];
  for (const candidate of candidates) {
    const [communityId, sha] = candidate.split('|') as [string, string];
    const stillUsed = await db
      .selectFrom('record_refs')
      .select('record_id')
      .where('community_id', '=', communityId)
      .where('field', 'in', allBlobFields)
      .where('value', '=', JSON.stringify(sha))
      .limit(1)
      .executeTakeFirst();
    if (stillUsed) continue;
    await db.deleteFrom('blobs').where('sha256', '=', sha).where('community_id', '=', communityId).execute();
    const elsewhere = await db.selectFrom('blobs').select('community_id').where('sha256', '=', sha).limit(1).executeTakeFirst();
    if (!elsewhere) released.push(sha);
  }
  return released;
}
