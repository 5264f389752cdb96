import type { EntityName } from '../../common/sync/entities';
import type { Op } from '../../common/sync/ops';
import type { CoreEvents } from '../app/events';
import type { Db } from '../db/open';
import type { SyncRecord } from './records';

/** What applying ops changed, for the events and file clean-up that follow the commit. */
export interface ApplyEffects {
  lessonIds: Set<string>;
  /** Lessons that left the library; their media folders go once the transaction has committed. */
  removedLessons: Set<string>;
  /** Records refused because they claimed an id this device holds for someone else (see ownership.ts). */
  refused: number;
}

export function newEffects(): ApplyEffects {
  return { lessonIds: new Set(), removedLessons: new Set(), refused: 0 };
}

/**
 * One record being applied: the database (inside the pull's transaction), the time, what the commit
 * is to be followed by, and the events that tell other domains (once committed, with `emitSoon`).
 */
export interface Applying {
  db: Db;
  nowMs: number;
  effects: ApplyEffects;
  events: CoreEvents;
  projections: Projections;
}

/**
 * How a synced record shows in its domain. Each domain that shows pulled records exports its own
 * table (the library's lessons and notes here, collections, reviews, recognition); the composition
 * root (core/index.ts) joins them into `ctx.projections`. An entity without one is still stored with
 * its stamps in `sync_records`, ready for the screens that read it there.
 */
export interface Projection {
  upsert(at: Applying, record: SyncRecord, changed: Op['fields']): void;
  remove(at: Applying, record: SyncRecord): void;
}

export type Projections = Partial<Record<EntityName, Projection>>;
