import type { Op } from '../../common/sync/ops';
import type { CoreContext } from '../app/context';
import type { Db } from '../db/open';

export interface OutboxEntry extends Op {
  seq: number;
  lessonId: string;
}

interface Row {
  seq: number;
  op_id: string;
  community_id: string;
  entity: Op['entity'];
  record_id: string;
  lesson_id: string;
  action: Op['action'];
  fields: string;
  hlc: string;
  author_id: string;
}

/** Who writes ops: the database, and the events that tell the sync engine (`outbox.written`) to push soon. */
export type OutboxWriter = Pick<CoreContext, 'db' | 'events'>;

/** Call inside the transaction that makes the change; the notice goes out once that code has run. */
export function enqueueOp({ db, events }: OutboxWriter, op: Op, lessonId: string, now: number): void {
  db.prepare(
    `INSERT INTO outbox (op_id, community_id, entity, record_id, lesson_id, action, fields, hlc, author_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(op.opId, op.communityId, op.entity, op.id, lessonId, op.action, JSON.stringify(op.fields), op.hlc, op.authorId, now);
  events.emitSoon('outbox.written', {});
}

export function pendingCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}

/**
 * The oldest ops, in order, up to `maxOps` and about `maxBytes` of JSON. Ops of a lesson whose media
 * is still uploading wait: others would see the lesson before they can watch it, and its notes must
 * not reach the hub before the lesson itself.
 */
export function nextBatch(db: Db, maxOps: number, maxBytes: number): OutboxEntry[] {
  const rows = db
    .prepare(
      `SELECT * FROM outbox o
       WHERE NOT EXISTS (SELECT 1 FROM transfers t WHERE t.lesson_id = o.lesson_id AND t.direction = 'upload' AND t.state != 'done')
       ORDER BY seq LIMIT ?`,
    )
    .all(maxOps) as Row[];
  const batch: OutboxEntry[] = [];
  let bytes = 0;
  for (const r of rows) {
    bytes += r.fields.length + 300;
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push({
      seq: r.seq,
      opId: r.op_id,
      communityId: r.community_id,
      entity: r.entity,
      id: r.record_id,
      lessonId: r.lesson_id,
      action: r.action,
      fields: JSON.parse(r.fields) as Op['fields'],
      hlc: r.hlc,
      authorId: r.author_id,
    });
  }
  return batch;
}

export function removeOps(db: Db, opIds: readonly string[]): void {
  const remove = db.prepare('DELETE FROM outbox WHERE op_id = ?');
  for (const id of opIds) remove.run(id);
}

/** Pending upserts of a lesson and its notes are moot once the lesson is unshared. */
export function dropLessonUpserts(db: Db, lessonId: string): void {
  db.prepare(`DELETE FROM outbox WHERE lesson_id = ? AND action = 'upsert'`).run(lessonId);
}

export function hasPendingOps(db: Db, entity: string, id: string): boolean {
  return db.prepare('SELECT 1 FROM outbox WHERE entity = ? AND record_id = ? LIMIT 1').get(entity, id) !== undefined;
}

export function dropCommunityOps(db: Db, communityId: string): void {
  db.prepare('DELETE FROM outbox WHERE community_id = ?').run(communityId);
}
