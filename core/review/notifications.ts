import { dueState } from '../../common/review/growth';
import type { Notification } from '../../common/schemas/review';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import type { Db } from '../db/open';
import { myUserId } from '../sync/account';
import { myRoleIn } from '../sync/rules';
import { person } from './people';
import { liveRecords } from './records';
import { lessonTitle } from './views';

/**
 * The in-app inbox. Notices are derived from what this device holds (after a pull, after a change,
 * and as due dates draw near), each under a key naming what it is about, so it is told only once.
 */

interface Candidate {
  key: string;
  kind: Notification['kind'];
  communityId: string;
  lessonId: string | null;
  requestId: string | null;
  reviewId: string | null;
  noteId: string | null;
  actorId: string | null;
}

function candidates(db: Db, me: string, now: number): Candidate[] {
  const out: Candidate[] = [];
  const requests = liveRecords(db, 'reviewRequest');
  const reviews = liveRecords(db, 'review');
  const reviewsOf = (requestId: string) => reviews.filter((r) => r.fields.requestId === requestId);
  const base = (communityId: string, lessonId: string, requestId: string) => ({
    communityId,
    lessonId,
    requestId,
    reviewId: null,
    noteId: null,
  });

  for (const req of requests) {
    const f = req.fields;
    if (req.ownerId === me || f.status !== 'open') continue;
    const role = myRoleIn(db, req.communityId);
    if (role !== 'mentor' && role !== 'lead') continue;
    const theirs = reviewsOf(req.id);
    const mineDone = theirs.some((r) => r.ownerId === me && r.fields.status === 'submitted');
    const takenByOther = f.mentorIds.length === 0 && theirs.some((r) => r.ownerId !== me);
    const forMe = f.mentorIds.includes(me) || theirs.some((r) => r.ownerId === me);
    if ((f.mentorIds.length === 0 || f.mentorIds.includes(me)) && !takenByOther && !mineDone) {
      out.push({ key: `request_new:${req.id}`, kind: 'request_new', ...base(req.communityId, f.lessonId, req.id), actorId: req.ownerId });
    }
    if (forMe && !mineDone && dueState(f.dueAt, now) === 'soon') {
      out.push({ key: `due_soon:${req.id}`, kind: 'due_soon', ...base(req.communityId, f.lessonId, req.id), actorId: req.ownerId });
    }
  }

  const mineAsked = new Set(requests.filter((r) => r.ownerId === me).map((r) => r.id));
  for (const review of reviews) {
    if (review.fields.status !== 'submitted' || !mineAsked.has(review.fields.requestId)) continue;
    out.push({
      key: `review_submitted:${review.id}:${review.fields.version}`,
      kind: 'review_submitted',
      ...base(review.communityId, review.fields.lessonId, review.fields.requestId),
      reviewId: review.id,
      actorId: review.ownerId,
    });
  }

  // Someone else answered one of this person's shared notes (a teacher replying to a mentor's glow or grow).
  const replies = db
    .prepare(
      `SELECT r.id, r.lesson_id, r.author_id, s.community_id FROM notes r
       JOIN notes p ON p.id = r.parent_id
       JOIN lesson_shares s ON s.lesson_id = r.lesson_id
       WHERE r.deleted_at IS NULL AND r.author_id IS NOT NULL AND r.author_id != ? AND p.author_id IS NULL AND p.private = 0`,
    )
    .all(me) as Array<{ id: string; lesson_id: string; author_id: string; community_id: string }>;
  for (const r of replies) {
    out.push({
      key: `reply:${r.id}`,
      kind: 'reply',
      communityId: r.community_id,
      lessonId: r.lesson_id,
      requestId: null,
      reviewId: null,
      noteId: r.id,
      actorId: r.author_id,
    });
  }
  return out;
}

/** Adds the notices not told before; returns them, newest last. */
export function refreshNotifications(db: Db, now: number): Notification[] {
  const me = myUserId(db);
  if (!me) return [];
  const insert = db.prepare(
    `INSERT INTO review_notifications (id, key, kind, community_id, lesson_id, request_id, review_id, note_id, actor_id, created_at)
     VALUES (@id, @key, @kind, @communityId, @lessonId, @requestId, @reviewId, @noteId, @actorId, @now) ON CONFLICT (key) DO NOTHING`,
  );
  const added: string[] = [];
  db.transaction(() => {
    for (const c of candidates(db, me, now)) {
      const id = newId();
      if (insert.run({ ...c, id, now }).changes > 0) added.push(id);
    }
  })();
  return added.map((id) => notificationById(db, id)!);
}

interface Row {
  id: string;
  kind: Notification['kind'];
  community_id: string;
  lesson_id: string | null;
  request_id: string | null;
  review_id: string | null;
  note_id: string | null;
  actor_id: string | null;
  created_at: number;
  read_at: number | null;
}

function toNotification(db: Db, r: Row): Notification {
  return {
    id: r.id,
    kind: r.kind,
    communityId: r.community_id,
    lessonId: r.lesson_id,
    lessonTitle: r.lesson_id ? lessonTitle(db, r.lesson_id).title : '',
    requestId: r.request_id,
    reviewId: r.review_id,
    noteId: r.note_id,
    actor: r.actor_id ? person(db, r.community_id, r.actor_id) : null,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

function notificationById(db: Db, id: string): Notification | null {
  const row = db.prepare('SELECT * FROM review_notifications WHERE id = ?').get(id) as Row | undefined;
  return row ? toNotification(db, row) : null;
}

const LIST_LIMIT = 200;

export function listNotifications(ctx: CoreContext): { items: Notification[]; unread: number } {
  const rows = ctx.db.prepare('SELECT * FROM review_notifications ORDER BY created_at DESC, id DESC LIMIT ?').all(LIST_LIMIT) as Row[];
  const { n } = ctx.db.prepare('SELECT count(*) AS n FROM review_notifications WHERE read_at IS NULL').get() as { n: number };
  return { items: rows.map((r) => toNotification(ctx.db, r)), unread: n };
}

/** Marks the given notices read, or all of them. */
export function readNotifications(ctx: CoreContext, ids: readonly string[] | undefined): void {
  const now = ctx.now();
  if (!ids) ctx.db.prepare('UPDATE review_notifications SET read_at = ? WHERE read_at IS NULL').run(now);
  else
    ctx.db.transaction(() =>
      ids.forEach((id) => ctx.db.prepare('UPDATE review_notifications SET read_at = coalesce(read_at, ?) WHERE id = ?').run(now, id)),
    )();
  ctx.bus.emit('notifications.changed', {});
}
