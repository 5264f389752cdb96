import { randomBytes } from 'node:crypto';
import type { ClockSkew } from '../../common/schemas/sync';
import { createHlc, DEFAULT_MAX_DRIFT_MS, parseHlc } from '../../common/sync/hlc';
import type { Db } from '../db/open';
import { readMeta, writeMeta } from './meta';

/** Names this device in every stamp it makes, so two devices never tie. */
function nodeId(db: Db): string {
  let id = readMeta(db, 'node_id');
  if (!id) {
    id = `dev-${randomBytes(9).toString('base64url')}`;
    writeMeta(db, 'node_id', id);
  }
  return id;
}

export interface DeviceClock {
  tick(): string;
  receive(remote: string): string;
}

/**
 * The device's hybrid logical clock, resumed from the last stamp stored in the database and stored
 * again after every use. Called inside the transaction that writes the change it stamps, so the
 * stamp and the change are kept or lost together, and a clock set back between runs cannot reorder
 * anything. A reset clock (before 2024) throws `clock_skew` and the change is not written; a clock
 * merely ahead stamps as usual, and the sync holds those stamps back and rewinds them.
 */
export function deviceClock(db: Db, now: () => number): DeviceClock {
  const hlc = createHlc(nodeId(db), now, { initial: readMeta(db, 'hlc') });
  const save = (stamp: string) => {
    writeMeta(db, 'hlc', stamp);
    return stamp;
  };
  return { tick: () => save(hlc.tick()), receive: (remote) => save(hlc.receive(remote)) };
}

/**
 * How far this device's clock is from the hub's, when beyond the bound the hub holds stamps to; null
 * when it is close enough. `deviceMs` is the device's time halfway through the request that brought
 * `hubMs`, so the time the answer took to travel does not count as drift.
 */
export function clockSkewFrom(deviceMs: number, hubMs: number): ClockSkew | null {
  const drift = Math.round(deviceMs - hubMs);
  if (Math.abs(drift) <= DEFAULT_MAX_DRIFT_MS) return null;
  return { direction: drift > 0 ? 'ahead' : 'behind', driftMs: Math.abs(drift) };
}

interface StampedRecord {
  entity: string;
  record_id: string;
  created_hlc: string;
  deleted_hlc: string | null;
  field_hlcs: string;
}

/**
 * Stamps this device made while its clock ran ahead would win every conflict until real time caught
 * up, and the hub refuses them. Once the hub has confirmed the clock is right again (call it only
 * then, in a transaction), each such stamp gets a fresh one from the corrected clock, in the same
 * order, in the outbox and in the synced records alike, so a pending op and the record it changes
 * keep agreeing. The ops themselves (ids, values) are unchanged: nothing waiting is lost.
 * Returns how many stamps moved.
 */
export function rewindFutureStamps(db: Db, now: () => number): number {
  const last = readMeta(db, 'hlc');
  const limit = now() + DEFAULT_MAX_DRIFT_MS;
  // The clock's own last stamp is its highest, so most syncs stop here.
  if (!last || parseHlc(last).wallMs <= limit) return 0;
  const me = nodeId(db);
  const ops = db.prepare('SELECT seq, hlc FROM outbox').all() as Array<{ seq: number; hlc: string }>;
  const records = db.prepare('SELECT entity, record_id, created_hlc, deleted_hlc, field_hlcs FROM sync_records').all() as StampedRecord[];
  const stampsOf = (r: StampedRecord) => [
    r.created_hlc,
    r.deleted_hlc ?? r.created_hlc,
    ...Object.values(JSON.parse(r.field_hlcs) as Record<string, string>),
  ];

  const future = new Set<string>();
  // New stamps must still sort after everything this device has seen that stays.
  let highestKept: string | null = null;
  for (const stamp of [...ops.map((o) => o.hlc), ...records.flatMap(stampsOf)]) {
    const { wallMs, nodeId: node } = parseHlc(stamp);
    if (wallMs <= limit) {
      if (highestKept === null || stamp > highestKept) highestKept = stamp;
    } else if (node === me) future.add(stamp);
  }
  const hlc = createHlc(me, now, { initial: highestKept });
  const moved = new Map([...future].sort().map((stamp) => [stamp, hlc.tick()]));
  const moveTo = (stamp: string) => moved.get(stamp) ?? stamp;

  const updateOp = db.prepare('UPDATE outbox SET hlc = ? WHERE seq = ?');
  for (const op of ops) if (moved.has(op.hlc)) updateOp.run(moveTo(op.hlc), op.seq);
  const updateRecord = db.prepare(
    'UPDATE sync_records SET created_hlc = ?, deleted_hlc = ?, field_hlcs = ? WHERE entity = ? AND record_id = ?',
  );
  for (const r of records) {
    if (!stampsOf(r).some((stamp) => moved.has(stamp))) continue;
    const fieldHlcs = Object.fromEntries(
      Object.entries(JSON.parse(r.field_hlcs) as Record<string, string>).map(([field, stamp]) => [field, moveTo(stamp)]),
    );
    updateRecord.run(moveTo(r.created_hlc), r.deleted_hlc && moveTo(r.deleted_hlc), JSON.stringify(fieldHlcs), r.entity, r.record_id);
  }
  writeMeta(db, 'hlc', hlc.last() ?? highestKept);
  return moved.size;
}
