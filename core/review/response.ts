import type { CallArgs } from '../../common/contract';
import { StudioError } from '../../common/errors';
import type { ActionPlanFields } from '../../common/sync/entities';
import type { Plan } from '../../common/schemas/review';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { getLessonRow } from '../library/queries';
import { liveRecord, liveRecords } from './records';
import { requireMe, writeRecord } from './write';

/**
 * The teacher's answer to a review, as one synced action plan per review: which notes they acted on,
 * up to three next goals (each met or not yet), and the lesson that comes next.
 */

function reviewForTeacher(ctx: CoreContext, reviewId: string) {
  const me = requireMe(ctx.db);
  const review = liveRecord(ctx.db, 'review', reviewId);
  if (!review || review.fields.status !== 'submitted') throw new StudioError('not_found', { entity: 'review', id: reviewId });
  const request = liveRecord(ctx.db, 'reviewRequest', review.fields.requestId);
  if (!request || request.ownerId !== me) throw new StudioError('forbidden', { operation: 'review.respond' });
  const plan = liveRecords(ctx.db, 'actionPlan', { field: ['reviewId', reviewId] }).find((p) => p.ownerId === me) ?? null;
  return { me, review, plan };
}

function writePlan(ctx: CoreContext, reviewId: string, change: (current: ActionPlanFields) => ActionPlanFields): Plan {
  const { me, review, plan } = reviewForTeacher(ctx, reviewId);
  const current: ActionPlanFields = plan?.fields ?? {
    reviewId,
    teacherId: me,
    actedOn: [],
    goals: [],
    nextLessonId: null,
    nextLessonTitle: null,
    updatedAt: ctx.now(),
  };
  const fields = { ...change(current), updatedAt: ctx.now() };
  const id = plan?.id ?? newId();
  ctx.db.transaction(() =>
    writeRecord(ctx, { entity: 'actionPlan', id, communityId: review.communityId, lessonId: review.fields.lessonId }, fields),
  )();
  ctx.bus.emit('reviews.changed', {});
  return { id, ...liveRecord(ctx.db, 'actionPlan', id)!.fields };
}

export function markActedOn(ctx: CoreContext, { reviewId, noteId, actedOn }: CallArgs<'reviews.actOn'>): Plan {
  return writePlan(ctx, reviewId, (plan) => {
    const review = liveRecord(ctx.db, 'review', reviewId)!;
    if (!review.fields.noteIds.includes(noteId)) throw new StudioError('not_found', { entity: 'note', id: noteId });
    const others = plan.actedOn.filter((id) => id !== noteId);
    return { ...plan, actedOn: actedOn ? [...others, noteId] : others };
  });
}

/** A goal keeps the moment it was first met; new goals get ids here. */
export function savePlan(ctx: CoreContext, { reviewId, goals, nextLessonId }: CallArgs<'reviews.savePlan'>): Plan {
  const next = nextLessonId ? getLessonRow(ctx.db, nextLessonId) : null;
  if (nextLessonId && !next) throw new StudioError('not_found', { entity: 'lesson', id: nextLessonId });
  return writePlan(ctx, reviewId, (plan) => ({
    ...plan,
    goals: goals.map((g) => {
      const before = plan.goals.find((p) => p.id === g.id);
      return {
        id: g.id ?? newId(),
        text: g.text,
        criterion: g.criterion,
        talkTarget: g.talkTarget ?? null,
        met: g.met,
        metAt: g.met ? (before?.metAt ?? ctx.now()) : null,
      };
    }),
    nextLessonId,
    nextLessonTitle: next ? next.title.slice(0, 200) : null,
  }));
}
