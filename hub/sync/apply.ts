import { v7 as uuidv7 } from 'uuid';
import { StudioError } from '../../common/errors';
import type { Role } from '../../common/permissions';
import { entityDefinition } from '../../common/sync/entities';
import type { Hlc } from '../../common/sync/hlc';
import { decide } from '../../common/sync/lww';
import { checkCreateFields, rejection, type Op, type PushResult } from '../../common/sync/ops';
import type { HubDb } from '../db/open';
import { afterAward, prepareIssuers, type Issuing, type IssuingBatch } from '../credentials/issue';
import { checkChange, checkOwnerField, checkParent, checkSender } from './authorization';
import { readBeforeApplying } from './first-reads';
import { PendingWrites } from './pending-writes';
import { parsePushed, type Parsed, type PushSender } from './push-input';
import { loadRecords, recordKey, toRecordState, type CachedRecord } from './record-cache';
import { opRow, saveRecord, saveRefs } from './rows';
import { ruleContext } from './rule-context';
import { RecordLocks } from './record-locks';
import { opTransaction, type AppendOps, type FirstReads } from './seq';
import { releaseBlobs, tombstone, type TombstoneBatch } from './tombstones';

export interface ApplyOutcome {
  /** Highest seq written per community, for the WebSocket notice. */
  landed: Map<string, number>;
  /** Blobs no longer referenced anywhere, to delete from storage once the transaction has committed. */
  releasedBlobs: string[];
}

/**
 * Applies a batch of ops in one transaction. Each op is checked on its own (shape, author, clock,
 * membership, permission, parent, immutable fields) and either applied or rejected with a reason;
 * a rejection never stops the rest of the batch.
 */
export async function applyPush(
  db: HubDb,
  sender: PushSender,
  rawOps: readonly unknown[],
  now: number,
  issuing: Issuing,
): Promise<ApplyOutcome & { results: PushResult[] }> {
  await prepareIssuers(db, sender.account.userId, rawOps, now);
  const parsed = parsePushed(rawOps);
  return opTransaction(db, (trx, append, firstReads) => new Batch(trx, append, now, issuing).push(sender, parsed, firstReads));
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
  return opTransaction(db, (trx, append) => new Batch(trx, append, now, null).expire(due, hlc));
}

type DueRecord = { community_id: string; entity: string; record_id: string };

/**
 * One transaction's worth of ops: the records they touch (locked, then cached), the rows they write
 * (pending until flushed), the seqs they take (counted from 0 until the counter is taken at the end).
 * The checks are in authorization.ts, deletes in tombstones.ts, the rows in rows.ts.
 */
class Batch implements TombstoneBatch, IssuingBatch {
  readonly pending = new PendingWrites();
  readonly releaseCandidates = new Set<string>();
  readonly locks: RecordLocks;
  /** Op ids this batch gave a seq to (the other seqs it answers with are already absolute). */
  private readonly numbered = new Set<string>();
  private readonly landed = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  private roles = new Map<string, Role>();
  private cache = new Map<string, CachedRecord>();
  /** Every community's record of an `entity/id`, for the check that an id keeps its first owner. */
  private sameIds = new Map<string, CachedRecord[]>();
  private seq = 0;
  private userId = '';
  /** The pushing session, kept with the ops it sent (ops the hub makes itself have none). */
  private sessionHash: string | null = null;

  constructor(
    readonly db: HubDb,
    private readonly append: AppendOps,
    readonly now: number,
    /** How to sign awards; null where no push is applied (the expiry sweep). */
    private readonly issuing: Issuing | null,
  ) {
    this.locks = new RecordLocks(db);
  }

  async push(
    { account, roles }: PushSender,
    parsed: readonly Parsed[],
    firstReads: FirstReads,
  ): Promise<ApplyOutcome & { results: PushResult[] }> {
    this.userId = account.userId;
    this.sessionHash = account.tokenHash;
    // Read with the session, before the transaction: as inside it, the memberships committed by then.
    this.roles = roles;
    await this.preload(
      parsed.flatMap((p) => (p.op ? [p.op] : [])),
      firstReads,
    );
    const results: PushResult[] = [];
    for (const p of parsed) results.push(p.op ? await this.applyOne(p.op) : p.rejected);
    const { base, ...outcome } = await this.finish();
    const absolute = (r: PushResult) =>
      r.seq !== undefined && r.opId !== null && this.numbered.has(r.opId) ? { ...r, seq: r.seq + base } : r;
    return { results: results.map(absolute), ...outcome };
  }

  async expire(dueQuery: (db: HubDb) => { execute(): Promise<DueRecord[]> }, hlc: Hlc): Promise<ApplyOutcome> {
    const due = await dueQuery(this.db).execute();
    // Read again once locked: a push or another process's sweep may have changed them meanwhile.
    const ids = due.map((d) => d.record_id);
    await this.locks.lock(ids);
    this.cache = await loadRecords(this.db, ids);
    for (const { community_id, entity, record_id } of due) {
      const key = recordKey(community_id, entity, record_id);
      const record = this.cached(key);
      // Removed meanwhile (or by a cascade earlier in this loop), or its expiry moved later.
      if (!record.head || record.head.deletedHlc !== null) continue;
      if (record.head.expiresAt === null || record.head.expiresAt > this.now) continue;
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
      await tombstone(this, op, key, record, null);
    }
    const { base: _, ...outcome } = await this.finish();
    return outcome;
  }

  /**
   * Takes the batch's seqs and inserts its ops with the records' last writes, the transaction's last
   * statements (seq.ts); a batch that dropped claims on blobs writes its records first, as the claims
   * are checked against them. Answers the seq before the batch's.
   */
  private async finish(): Promise<ApplyOutcome & { base: number }> {
    if (this.releaseCandidates.size > 0 || this.seq === 0) await this.pending.flush(this.db);
    const releasedBlobs = await releaseBlobs(this.db, this.releaseCandidates);
    const base = this.seq > 0 ? await this.append(this.seq, this.pending.takeOps(), this.pending.takeWrites(this.db)) : 0;
    const landed = new Map([...this.landed].map(([communityId, seq]) => [communityId, seq + base]));
    return { landed, releasedBlobs, base };
  }

  private async preload(ops: readonly Op[], firstReads: FirstReads): Promise<void> {
    const { seen, records } = await readBeforeApplying(this.db, this.locks, ops, firstReads);
    for (const [opId, seq] of seen) this.seen.set(opId, seq);
    this.cache = records;
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

  /** A record of the op's community for the entity rules, loaded (with its namesakes) on first use. */
  async record(communityId: string, entity: string, id: string): Promise<CachedRecord> {
    const key = recordKey(communityId, entity, id);
    if (!this.cache.has(key)) {
      await this.locks.lock([id]);
      for (const [k, loaded] of await loadRecords(this.db, [id])) if (!this.cache.has(k)) this.cache.set(k, loaded);
    }
    return this.cached(key);
  }

  async child(key: string, id: string): Promise<CachedRecord> {
    await this.locks.lock([id]);
    if (!this.cache.has(key)) this.cache.set(key, (await loadRecords(this.db, [id])).get(key) ?? { head: null, fields: new Map() });
    return this.cached(key);
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
    const role = checkSender(op, this.userId, this.now, this.roles);
    const earlier = this.seen.get(op.opId);
    if (earlier !== undefined) return { opId: op.opId, status: 'duplicate', seq: earlier };

    const definition = entityDefinition(op.entity);
    const key = recordKey(op.communityId, op.entity, op.id);
    const record = this.cached(key);
    const lookups = {
      db: this.db,
      userId: this.userId,
      record: (communityId: string, entity: string, id: string) => this.record(communityId, entity, id),
      lock: (ids: string[]) => this.locks.lock(ids),
      flush: () => this.pending.flush(this.db),
    };
    await checkChange({
      op,
      role,
      userId: this.userId,
      record,
      sameIds: this.sameIds.get(`${op.entity}/${op.id}`) ?? [],
      ruleContext: (live) => ruleContext(lookups, op, record, live),
    });

    const decision = decide(op, toRecordState(record));
    switch (decision.kind) {
      case 'noop':
        return { opId: op.opId, status: 'applied' };
      case 'create': {
        checkCreateFields(op);
        checkOwnerField(definition, op, this.userId);
        const parentId = checkParent(this.cache, definition, op);
        record.head = { ownerId: this.userId, parentId, createdHlc: op.hlc, deletedHlc: null, expiresAt: null };
        this.indexId(key, record);
        const result = this.write(op, decision.fields, key, record, this.sessionHash);
        if (this.issuing) await afterAward(this, this.issuing, op, record, true);
        return result;
      }
      case 'update': {
        const result = this.write(op, decision.fields, key, record, this.sessionHash);
        if (this.issuing) await afterAward(this, this.issuing, { ...op, fields: decision.fields }, record, false);
        return result;
      }
      case 'delete':
        return { opId: op.opId, status: 'applied', seq: await tombstone(this, op, key, record, this.sessionHash) };
    }
  }

  /**
   * An op the hub makes itself (a signed credential): no sender checks, as nobody sent it; merged
   * like any other, with no pushing session, so every device it concerns pulls it.
   */
  async writeOwn(op: Op): Promise<void> {
    const key = recordKey(op.communityId, op.entity, op.id);
    const record = await this.record(op.communityId, op.entity, op.id);
    const decision = decide(op, toRecordState(record));
    if (decision.kind === 'create') {
      record.head = { ownerId: op.authorId, parentId: null, createdHlc: op.hlc, deletedHlc: null, expiresAt: null };
      this.indexId(key, record);
    }
    if (decision.kind === 'create' || decision.kind === 'update') this.write(op, decision.fields, key, record, null);
  }

  private write(op: Op, fields: Op['fields'], key: string, record: CachedRecord, pushedBy: string | null): PushResult {
    const seq = this.nextSeq(op);
    this.pending.addOp(opRow({ ...op, fields }, seq, pushedBy, this.now));
    const { expiresField } = entityDefinition(op.entity);
    if (record.head && expiresField && expiresField in fields) record.head.expiresAt = (fields[expiresField] as number | null) ?? null;
    for (const [field, value] of Object.entries(fields)) record.fields.set(field, { value, hlc: op.hlc });
    saveRefs(this.pending, op, key, fields);
    saveRecord(this.pending, op, key, record);
    return { opId: op.opId, status: 'applied', seq };
  }

  nextSeq(op: Op): number {
    this.seq += 1;
    this.numbered.add(op.opId);
    this.seen.set(op.opId, this.seq);
    this.landed.set(op.communityId, this.seq);
    return this.seq;
  }
}
