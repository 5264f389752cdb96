import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DRIFT_MS, encodeHlc, parseHlc } from '../../../common/sync/hlc';
import { CoreEvents } from '../../../core/app/events';
import { openDb, type Db } from '../../../core/db/open';
import { clockSkewFrom, deviceClock, rewindFutureStamps } from '../../../core/sync/clock';
import { enqueueOp } from '../../../core/sync/outbox';
import { getRecord, saveRecord } from '../../../core/sync/records';
import { tempDir } from '../../support/web-shell';

const DAY = 24 * 60 * 60 * 1000;
const start = Date.UTC(2026, 2, 1, 9, 0, 0);
let dir: string;
let db: Db;
let wall: number;
const now = () => wall;

beforeEach(async () => {
  dir = await tempDir('device-clock');
  db = openDb(path.join(dir, 'studio.db'));
  wall = start;
});
afterEach(async () => {
  db.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** A note edited on this device: its record and the op that carries it, stamped by the device clock. */
function editNote(id: string, text: string): string {
  const hlc = deviceClock(db, now).tick();
  const existing = getRecord(db, 'note', id);
  saveRecord(db, {
    entity: 'note',
    id,
    communityId: 'c1',
    ownerId: 'u1',
    createdHlc: existing?.createdHlc ?? hlc,
    deletedHlc: null,
    fields: { text },
    fieldHlcs: { text: hlc },
  });
  enqueueOp(
    { db, events: new CoreEvents() },
    { opId: `op-${text}`, communityId: 'c1', entity: 'note', id, action: 'upsert', fields: { text }, hlc, authorId: 'u1' },
    'l1',
    now(),
  );
  return hlc;
}
const outbox = () => db.prepare('SELECT op_id AS opId, hlc FROM outbox ORDER BY seq').all() as Array<{ opId: string; hlc: string }>;

describe('the device clock', () => {
  it('measures skew beyond the bound only, in either direction', () => {
    expect(clockSkewFrom(start + DEFAULT_MAX_DRIFT_MS, start)).toBeNull();
    expect(clockSkewFrom(start + DAY, start)).toEqual({ direction: 'ahead', driftMs: DAY });
    expect(clockSkewFrom(start - 10 * 60_000, start)).toEqual({ direction: 'behind', driftMs: 10 * 60_000 });
  });

  it('rewinds stamps made while it ran a day ahead into the present, in order, in outbox and records alike', () => {
    // Seen from another device, a little ahead but within the bound: new stamps must still sort after it.
    const theirs = encodeHlc({ wallMs: start + 2 * 60_000, counter: 4, nodeId: 'other' });
    saveRecord(db, {
      entity: 'note',
      id: 'n0',
      communityId: 'c1',
      ownerId: 'u2',
      createdHlc: theirs,
      deletedHlc: null,
      fields: {},
      fieldHlcs: {},
    });
    wall = start + DAY;
    const before = [editNote('n1', 'first'), editNote('n2', 'second'), editNote('n1', 'third')];
    wall = start;

    expect(rewindFutureStamps(db, now)).toBe(3);
    const after = outbox();
    expect(after.map((o) => o.opId)).toEqual(['op-first', 'op-second', 'op-third']);
    expect(after.map((o) => o.hlc)).toEqual([...after.map((o) => o.hlc)].sort());
    for (const { hlc } of after) {
      expect(hlc > theirs).toBe(true);
      expect(parseHlc(hlc).wallMs).toBeLessThanOrEqual(start + DEFAULT_MAX_DRIFT_MS);
    }
    expect(after.map((o) => o.hlc)).not.toContain(before[0]);
    // n1 was created by the first op and last changed by the third.
    expect(getRecord(db, 'note', 'n1')).toMatchObject({ createdHlc: after[0]!.hlc, fieldHlcs: { text: after[2]!.hlc } });
    expect(getRecord(db, 'note', 'n0')?.createdHlc).toBe(theirs);
    // The clock goes on from the rewound stamps, and a second look finds nothing to do.
    expect(deviceClock(db, now).tick() > after[2]!.hlc).toBe(true);
    expect(rewindFutureStamps(db, now)).toBe(0);
  });

  it('leaves stamps within the bound alone', () => {
    wall = start + 60_000;
    const hlc = editNote('n1', 'a minute ahead');
    wall = start;
    expect(rewindFutureStamps(db, now)).toBe(0);
    expect(outbox()[0]?.hlc).toBe(hlc);
  });
});
