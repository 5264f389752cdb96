import { v7 as uuidv7 } from 'uuid';
import { StudioError, toErrorPayload } from '../../common/errors';
import type { Role } from '../../common/permissions';
import { childEntitiesOf, entityDefinition, entityNames, type EntityDefinition } from '../../common/sync/entities';
import { assertHlcWithinDrift, type Hlc } from '../../common/sync/hlc';
import { decide } from '../../common/sync/lww';
import { checkCreateFields, parseOp, rejection, type Op, type PushResult } from '../../common/sync/ops';
import { requireCan, roleIn } from '../communities/membership';
import type { HubDb } from '../db/open';
import { entityRules, type LiveRecord, type RuleContext } from '../review/rules';
import { PendingWrites } from './pending-writes';
import { loadRecords, recordKey, toRecordState, type CachedRecord } from './record-cache';
import { readSeq, writeSeq } from './seq';

export interface ApplyOutcome {
  /** Highest seq written per community, for the WebSocket notice. */
  landed: Map<string, number>;
  /** Blobs no longer referenced anywhere, to delete from storage once the transaction has committed. */
  releasedBlobs: string[];
}

const allBlobFields = [...new Set(entityNames.flatMap((name) => entityDefinition(name).blobFields))];
/** Fields looked up by value: media blobs (to know when storage can go) and rubrics (to know when one is in use). */
const referenceFields = new Set([...allBlobFields, 'rubricId']);

/**
 * Applies a batch of ops in one transaction. Each op is checked on its own (shape, author, clock,
 * membership, permission, parent, immutable fields) and either applied or rejected with a reason;
 * a rejection never stops the rest of the batch.
 */
export async function applyPush(
  db: HubDb,
  session: { userId: string; tokenHash: string },
  rawOps: readonly unknown[],
  now: number,
): Promise<ApplyOutcome & { results: PushResult[] }> {
  return db.transaction().execute((trx) => new Batch(trx, now).push(session, rawOps));
}

/**
 * Deletes records whose expiry field has passed (in one community, or everywhere), as if their owner
 * had unshared them: tombstone ops stamped by the hub's clock, with the same cascade and purge.
 */
export async function expireDue(db: HubDb, now: number, hlc: Hlc, communityId?: string): Promise<ApplyOutcome> {
  const due = (q: HubDb) => {
    const query = q
      .selectFrom('records')
      .select(['community_id', 'entity', 'record_id'])
      .where('expires_at', '<=', now)
      .where('deleted_hlc', 'is', null);
    return communityId ? query.where('community_id', '=', communityId) : query;
  };
  // Most calls find nothing due; only then is a write transaction worth taking.
  if (!(await due(db).limit(1).executeTakeFirst())) return { landed: new Map(), releasedBlobs: [] };
  return db.transaction().execute(async (trx) => new Batch(trx, now).expire(await due(trx).execute(), hlc));
}

function opIdOf(raw: unknown): string | null {
  const opId = (raw as { opId?: unknown } | null)?.opId;
  return typeof opId === 'string' ? opId.slice(0, 64) : null;
}

class Batch {
  private readonly pending = new PendingWrites();
  private readonly landed = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  /** `community|sha256` of blobs that a deleted record referenced. */
  private readonly releaseCandidates = new Set<string>();
  private roles = new Map<string, Role>();
  private cache = new Map<string, CachedRecord>();
  /** Every community's record of an `entity/id`, for the check that an id keeps its first owner. */
  private sameIds = new Map<string, CachedRecord[]>();
  private seq = 0;
  private userId = '';
  /** The pushing session, kept with the ops it sent (ops the hub makes itself have none). */
  private sessionHash: string | null = null;

  constructor(
    private readonly db: HubDb,
    private readonly now: number,
  ) {}

  async push(
    session: { userId: string; tokenHash: string },
    rawOps: readonly unknown[],
  ): Promise<ApplyOutcome & { results: PushResult[] }> {
    this.userId = session.userId;
    this.sessionHash = session.tokenHash;
    const parsed = rawOps.map((raw) => {
      try {
        return { op: parseOp(raw) };
      } catch (err) {
        const { code, params } = toErrorPayload(err);
        return { rejected: rejection(opIdOf(raw), code, params) };
      }
    });
    const ops = parsed.flatMap((p) => (p.op ? [p.op] : []));
    await this.preload(ops);
    const startSeq = (this.seq = await readSeq(this.db));
    const results: PushResult[] = [];
    for (const p of parsed) results.push(p.op ? await this.applyOne(p.op) : p.rejected);
    return { results, ...(await this.finish(startSeq)) };
  }

  async expire(due: readonly { community_id: string; entity: string; record_id: string }[], hlc: Hlc): Promise<ApplyOutcome> {
    this.cache = await loadRecords(
      this.db,
      due.map((d) => d.record_id),
    );
    const startSeq = (this.seq = await readSeq(this.db));
    for (const { community_id, entity, record_id } of due) {
      const key = recordKey(community_id, entity, record_id);
      const record = this.cached(key);
      // A cascade earlier in this loop may already have removed it.
      if (!record.head || record.head.deletedHlc !== null) continue;
      const newest = [record.head.createdHlc, ...[...record.fields.values()].map((f) => f.hlc)].sort().at(-1)!;
      let stamp: string;
      try {
        stamp = hlc.receive(newest);
      } catch {
        continue; // stamped too far ahead of the hub's clock to be ordered yet; a later sweep gets it
      }
      const op: Op = {
        opId: uuidv7(),
        communityId: community_id,
        entity: entity as Op['entity'],
        id: record_id,
        action: 'delete',
        fields: {},
        hlc: stamp,
        authorId: record.head.ownerId,
      };
      await this.remove(op, key, record, null);
    }
    return this.finish(startSeq);
  }

  private async finish(startSeq: number): Promise<ApplyOutcome> {
    await this.pending.flush(this.db);
    if (this.seq !== startSeq) await writeSeq(this.db, this.seq);
    return { landed: this.landed, releasedBlobs: await this.releaseBlobs() };
  }

  private async preload(ops: readonly Op[]): Promise<void> {
    const members = await this.db.selectFrom('members').select(['community_id', 'role']).where('user_id', '=', this.userId).execute();
    this.roles = new Map(members.map((m) => [m.community_id, m.role]));
    const opIds = ops.map((op) => op.opId);
    for (let i = 0; i < opIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('ops')
        .select(['op_id', 'seq'])
        .where('op_id', 'in', opIds.slice(i, i + 500))
        .execute();
      for (const row of rows) this.seen.set(row.op_id, row.seq);
    }
    const ids = new Set<string>();
    for (const op of ops) {
      ids.add(op.id);
      const parentField = entityDefinition(op.entity).parent?.field;
      const parentId = parentField ? op.fields[parentField] : undefined;
      if (typeof parentId === 'string') ids.add(parentId);
    }
    this.cache = await loadRecords(this.db, [...ids]);
    for (const [key, record] of this.cache) this.indexId(key, record);
  }

  private indexId(key: string, record: CachedRecord): void {
    const [, entity, id] = key.split('/');
    const at = `${entity}/${id}`;
    this.sameIds.set(at, [...(this.sameIds.get(at) ?? []), record]);
  }

  private cached(key: string): CachedRecord {
    let record = this.cache.get(key);
    if (!record) {
      record = { head: null, fields: new Map() };
      this.cache.set(key, record);
    }
    return record;
  }

  private async applyOne(op: Op): Promise<PushResult> {
    try {
      return await this.tryApply(op);
    } catch (err) {
      if (!(err instanceof StudioError)) throw err;
      return rejection(op.opId, err.code, err.params);
    }
  }

  /** Every check runs before the first write, so a rejected op leaves nothing behind. */
  private async tryApply(op: Op): Promise<PushResult> {
    if (op.authorId !== this.userId) throw new StudioError('forbidden', { reason: 'author' });
    assertHlcWithinDrift(op.hlc, this.now);
    const role = this.roles.get(op.communityId);
    if (!role) throw new StudioError('forbidden', { reason: 'not_member' });
    const earlier = this.seen.get(op.opId);
    if (earlier !== undefined) return { opId: op.opId, status: 'duplicate', seq: earlier };

    const definition = entityDefinition(op.entity);
    const key = recordKey(op.communityId, op.entity, op.id);
    const record = this.cached(key);
    const { head } = record;
    if (head === null) this.checkIdFree(op);
    const live = head !== null && head.deletedHlc === null;
    const isOwner = head === null || head.ownerId === this.userId;
    const { permissions } = definition;
    requireCan(role, op.action === 'delete' ? permissions.delete : live ? permissions.update : permissions.create, { isOwner });
    if (op.action === 'upsert' && head !== null && !isOwner && !live) throw new StudioError('forbidden', { reason: 'owner' });
    if (op.action === 'upsert' && live) checkImmutable(definition, record, op);
    const rule = entityRules[op.entity];
    if (rule) await rule(this.ruleContext(op, record, live));

    const decision = decide(op, toRecordState(record));
    switch (decision.kind) {
      case 'noop':
        return { opId: op.opId, status: 'applied' };
      case 'create': {
        checkCreateFields(op);
        if (definition.ownerField && op.fields[definition.ownerField] !== this.userId) {
          throw new StudioError('forbidden', { reason: 'owner', field: definition.ownerField });
        }
        const parentId = this.checkParent(definition, op);
        record.head = { ownerId: this.userId, parentId, createdHlc: op.hlc, deletedHlc: null, expiresAt: null };
        this.indexId(key, record);
        return this.write(op, decision.fields, key, record);
      }
      case 'update':
        return this.write(op, decision.fields, key, record);
      case 'delete':
        return { opId: op.opId, status: 'applied', seq: await this.remove(op, key, record, this.sessionHash) };
    }
  }

  /**
   * An id belongs for good to the first account that used it, in every community: ids travel in
   * packages and exports, so a member who learnt one could otherwise claim someone's lesson before it
   * was shared. The owner may use it again elsewhere only once it is gone where it was (a lesson
   * unshared from one community and shared into another).
   */
  private checkIdFree(op: Op): void {
    for (const other of this.sameIds.get(`${op.entity}/${op.id}`) ?? []) {
      if (!other.head) continue;
      if (other.head.ownerId !== this.userId) throw new StudioError('forbidden', { reason: 'id_taken' });
      if (other.head.deletedHlc === null) throw new StudioError('conflict', { reason: 'shared_elsewhere' });
    }
  }

  /** What an entity's own rules (hub/review/rules.ts) may look up, within the op's community. */
  private ruleContext(op: Op, record: CachedRecord, live: boolean): RuleContext {
    const lookup = async (entity: string, id: string): Promise<CachedRecord> => {
      const key = recordKey(op.communityId, entity, id);
      if (!this.cache.has(key)) {
        for (const [k, loaded] of await loadRecords(this.db, [id])) if (!this.cache.has(k)) this.cache.set(k, loaded);
      }
      return this.cached(key);
    };
    const asLive = (id: string, r: CachedRecord): LiveRecord | null =>
      r.head && r.head.deletedHlc === null ? { id, ownerId: r.head.ownerId, fields: fieldValues(r) } : null;
    const current = live ? asLive(op.id, record) : null;
    return {
      op,
      userId: this.userId,
      current,
      next: op.action === 'upsert' ? { ...current?.fields, ...op.fields } : null,
      record: async (entity, id) => asLive(id, await lookup(entity, id)),
      wasDeleted: async (entity, id) => (await lookup(entity, id)).head?.deletedHlc != null,
      children: async (entity, parentId) => {
        await this.pending.flush(this.db);
        const rows = await this.db
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
        await this.pending.flush(this.db);
        const row = await this.db
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
      roleOf: (userId) => roleIn(this.db, op.communityId, userId),
    };
  }

  /** A record with a parent may only be created under a live parent in the same community. */
  private checkParent(definition: EntityDefinition, op: Op): string | null {
    if (!definition.parent) return null;
    const parentId = op.fields[definition.parent.field];
    const parent = typeof parentId === 'string' ? this.cache.get(recordKey(op.communityId, definition.parent.entity, parentId)) : undefined;
    if (!parent?.head || parent.head.deletedHlc !== null) {
      throw new StudioError('not_found', { entity: definition.parent.entity, id: String(parentId) });
    }
    return parentId as string;
  }

  private write(op: Op, fields: Op['fields'], key: string, record: CachedRecord): PushResult {
    const seq = this.nextSeq(op);
    this.pending.addOp(this.opRow({ ...op, fields }, seq, this.sessionHash));
    const { expiresField } = entityDefinition(op.entity);
    if (record.head && expiresField && expiresField in fields) record.head.expiresAt = (fields[expiresField] as number | null) ?? null;
    for (const [field, value] of Object.entries(fields)) {
      record.fields.set(field, { value, hlc: op.hlc });
      if (referenceFields.has(field)) {
        this.pending.setRef(
          key,
          { community_id: op.communityId, entity: op.entity, record_id: op.id, field },
          value === null ? null : JSON.stringify(value),
        );
      }
    }
    this.save(op, key, record);
    return { opId: op.opId, status: 'applied', seq };
  }

  /**
   * Tombstones a record and removes what it held from the hub: its field values, its earlier ops (so
   * nobody can pull them any more), its children (each with its own tombstone op) and its claim on
   * media blobs. Devices drop their copies when they pull the tombstones.
   */
  private async remove(op: Op, key: string, record: CachedRecord, pushedBy: string | null): Promise<number> {
    const seq = this.nextSeq(op);
    const blobFields = entityDefinition(op.entity).blobFields;
    for (const field of blobFields) {
      const value = record.fields.get(field)?.value;
      if (typeof value === 'string') this.releaseCandidates.add(`${op.communityId}|${value}`);
    }
    await this.pending.flush(this.db);
    const sameRecord = { community_id: op.communityId, entity: op.entity, record_id: op.id };
    await this.db
      .deleteFrom('ops')
      .where('community_id', '=', sameRecord.community_id)
      .where('entity', '=', sameRecord.entity)
      .where('record_id', '=', sameRecord.record_id)
      .where('seq', '<', seq)
      .execute();
    await this.db
      .deleteFrom('record_refs')
      .where('record_id', '=', sameRecord.record_id)
      .where('community_id', '=', sameRecord.community_id)
      .where('entity', '=', sameRecord.entity)
      .execute();
    record.fields.clear();
    if (record.head) Object.assign(record.head, { deletedHlc: op.hlc, expiresAt: null });
    this.pending.addOp(this.opRow({ ...op, fields: {} }, seq, pushedBy));
    this.save(op, key, record);

    for (const child of childEntitiesOf(op.entity)) {
      const rows = await this.db
        .selectFrom('records')
        .select('record_id')
        .where('community_id', '=', op.communityId)
        .where('entity', '=', child)
        .where('parent_id', '=', op.id)
        .where('deleted_hlc', 'is', null)
        .execute();
      for (const { record_id } of rows) {
        const childKey = recordKey(op.communityId, child, record_id);
        if (!this.cache.has(childKey))
          this.cache.set(childKey, (await loadRecords(this.db, [record_id])).get(childKey) ?? { head: null, fields: new Map() });
        const childOp: Op = { ...op, opId: uuidv7(), entity: child, id: record_id };
        await this.remove(childOp, childKey, this.cached(childKey), null);
      }
    }
    return seq;
  }

  private nextSeq(op: Op): number {
    this.seq += 1;
    this.seen.set(op.opId, this.seq);
    this.landed.set(op.communityId, this.seq);
    return this.seq;
  }

  private opRow(op: Op, seq: number, pushedBy: string | null) {
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
      received_at: this.now,
      pushed_by: pushedBy,
    };
  }

  private save(op: Op, key: string, record: CachedRecord): void {
    const { head } = record;
    if (!head) return;
    this.pending.setRecord(key, {
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

  /** Drops a community's claim on blobs no live record there references; returns blobs nobody claims. */
  private async releaseBlobs(): Promise<string[]> {
    const released: string[] = [];
    for (const candidate of this.releaseCandidates) {
      const [communityId, sha] = candidate.split('|') as [string, string];
      const stillUsed = await this.db
        .selectFrom('record_refs')
        .select('record_id')
        .where('community_id', '=', communityId)
        .where('field', 'in', allBlobFields)
        .where('value', '=', JSON.stringify(sha))
        .limit(1)
        .executeTakeFirst();
      if (stillUsed) continue;
      await this.db.deleteFrom('blobs').where('sha256', '=', sha).where('community_id', '=', communityId).execute();
      const elsewhere = await this.db.selectFrom('blobs').select('community_id').where('sha256', '=', sha).limit(1).executeTakeFirst();
      if (!elsewhere) released.push(sha);
    }
    return released;
  }
}

function fieldValues(record: CachedRecord): Record<string, unknown> {
  return Object.fromEntries([...record.fields].map(([field, { value }]) => [field, value]));
}

function checkImmutable(definition: EntityDefinition, record: CachedRecord, op: Op): void {
  for (const field of definition.immutable) {
    const current = record.fields.get(field);
    if (field in op.fields && current !== undefined && JSON.stringify(op.fields[field]) !== JSON.stringify(current.value)) {
      throw new StudioError('invalid_input', { path: `fields.${field}`, issue: 'cannot change once set' });
    }
  }
}
