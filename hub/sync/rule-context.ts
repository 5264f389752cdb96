import type { Op } from '../../common/sync/ops';
import { roleIn } from '../communities/membership';
import type { HubDb } from '../db/open';
import type { LiveRecord, RuleContext } from '../review/rules';
import type { CachedRecord } from './record-cache';
import { fieldValues, referenceFields } from './rows';

/** What a batch lends the entity rules: its records (loaded on demand) and a way to write what it holds. */
export interface RuleLookups {
  db: HubDb;
  userId: string;
  record(communityId: string, entity: string, id: string): Promise<CachedRecord>;
  /** Locks ids (record-locks.ts) before a query that finds records by them. */
  lock(ids: string[]): Promise<void>;
  /** Writes the batch's pending records and references, so a query sees the batch's own earlier ops. */
  flush(): Promise<void>;
}

function asLive(id: string, r: CachedRecord): LiveRecord | null {
  return r.head && r.head.deletedHlc === null ? { id, ownerId: r.head.ownerId, fields: fieldValues(r) } : null;
}

/** What an entity's own rules (hub/review/rules.ts) may look up, within the op's community. */
export function ruleContext(batch: RuleLookups, op: Op, record: CachedRecord, live: boolean): RuleContext {
  const { db } = batch;
  const lookup = (entity: string, id: string) => batch.record(op.communityId, entity, id);
  const current = live ? asLive(op.id, record) : null;
  return {
    op,
    userId: batch.userId,
    current,
    next: op.action === 'upsert' ? { ...current?.fields, ...op.fields } : null,
    record: async (entity, id) => asLive(id, await lookup(entity, id)),
    wasDeleted: async (entity, id) => (await lookup(entity, id)).head?.deletedHlc != null,
    children: async (entity, parentId) => {
      // A child is created under its parent's lock, so none appears while this batch holds it.
      await batch.lock([parentId]);
      await batch.flush();
      const rows = await db
        .selectFrom('records')
        .select('record_id')
        .where('community_id', '=', op.communityId)
        .where('entity', '=', entity)
        .where('parent_id', '=', parentId)
        .where('deleted_hlc', 'is', null)
        .execute();
      const found = await Promise.all(rows.map(async ({ record_id }) => asLive(record_id, await lookup(entity, record_id))));
      return found.flatMap((r) => (r ? [r] : []));
    },
    isReferenced: async (entity, field, value) => {
      if (!referenceFields.has(field)) throw new Error(`${field} is not a reference field`);
      // A rubric is referred to under its lock (recordIdsOf in push-input.ts).
      await batch.lock([value]);
      await batch.flush();
      const row = await db
        .selectFrom('record_refs')
        .select('record_id')
        .where('community_id', '=', op.communityId)
        .where('field', '=', field)
        .where('value', '=', JSON.stringify(value))
        .where('entity', '=', entity)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    roleOf: (userId) => roleIn(db, op.communityId, userId),
  };
}
