import type { Op } from './ops';

/**
 * What a receiver (the hub, or a device applying pulled ops) knows about one record. `createdHlc` is
 * the stamp of the upsert that created the current incarnation; `fieldHlcs` the stamp of each field's
 * current value.
 */
export type RecordState =
  { status: 'live'; createdHlc: string; fieldHlcs: Readonly<Record<string, string>> } | { status: 'deleted'; deletedHlc: string };

export type Decision =
  /** The record is new, or comes back after a tombstone: it must carry every required field. */
  | { kind: 'create'; fields: Op['fields'] }
  /** Only the fields whose stamps beat the stored ones. */
  | { kind: 'update'; fields: Op['fields'] }
  | { kind: 'delete' }
  /** Nothing changes: every field lost, the op is older than a tombstone, or it deletes the unknown. */
  | { kind: 'noop' };

/**
 * Last-writer-wins per field, with tombstones. The same function runs on the hub and on devices, so
 * both reach the same state from the same ops.
 * - An upsert sets each field whose stamp is newer than the stored one; older values are ignored.
 * - A delete of a live record wins over its fields whatever their stamps (an unshare must not be
 *   undone by a late edit), unless it is older than the record's creation: then it was aimed at an
 *   earlier incarnation.
 * - After a tombstone, upserts stamped no later than it are ignored; a newer one recreates the record.
 * - Deleting an unknown or already deleted record changes nothing.
 */
export function decide(op: Pick<Op, 'action' | 'fields' | 'hlc'>, state: RecordState | null): Decision {
  if (op.action === 'delete') {
    return state?.status === 'live' && op.hlc > state.createdHlc ? { kind: 'delete' } : { kind: 'noop' };
  }
  if (state === null) return { kind: 'create', fields: op.fields };
  if (state.status === 'deleted') {
    return op.hlc > state.deletedHlc ? { kind: 'create', fields: op.fields } : { kind: 'noop' };
  }
  const winners: Op['fields'] = {};
  for (const [field, value] of Object.entries(op.fields)) {
    const stored = state.fieldHlcs[field];
    if (stored === undefined || op.hlc > stored) winners[field] = value;
  }
  return Object.keys(winners).length > 0 ? { kind: 'update', fields: winners } : { kind: 'noop' };
}
