import { randomBytes } from 'node:crypto';
import { createHlc } from '../../common/sync/hlc';
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
 * anything. A wildly wrong wall clock throws `clock_skew` and the change is not written.
 */
export function deviceClock(db: Db, now: () => number): DeviceClock {
  const hlc = createHlc(nodeId(db), now, { initial: readMeta(db, 'hlc') });
  const save = (stamp: string) => {
    writeMeta(db, 'hlc', stamp);
    return stamp;
  };
  return { tick: () => save(hlc.tick()), receive: (remote) => save(hlc.receive(remote)) };
}
