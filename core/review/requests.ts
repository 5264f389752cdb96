import type { CallArgs } from '../../common/contract';
import { StudioError } from '../../common/errors';
import { byDueDate } from '../../common/review/growth';
import type { LessonReviews, ReviewRequest } from '../../common/schemas/review';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { myUserId } from '../sync/account';
import { myRoleIn, requireCommunityPermission } from '../sync/rules';
import { getShare } from '../sync/shares';
import { draftsOfLesson, publicDraft } from './draft-store';
import { settleSentDrafts } from './settle';
import { mentorsOf } from './people';
import { liveRecord } from './records';
import { loadSnapshot, toRequest } from './views';
import { requireMe, writeRecord } from './write';

/** A teacher asks for feedback on one of their shared lessons. */
export function requestReview(ctx: CoreContext, args: CallArgs<'reviews.request'>): ReviewRequest {
  const { db } = ctx;
  const me = requireMe(db);
  const share = getShare(db, args.lessonId);
  if (!share) throw new StudioError('lesson_not_shared');
  if (share.ownerId !== me) throw new StudioError('forbidden', { operation: 'review.request' });
  requireCommunityPermission(db, share.communityId, 'review.request', true);
  if (args.rubricId !== null && liveRecord(db, 'rubric', args.rubricId)?.communityId !== share.communityId) {
    throw new StudioError('not_found', { entity: 'rubric', id: args.rubricId });
  }
  const mentors = new Set(mentorsOf(db, share.communityId).map((m) => m.id));
  const unknown = args.mentorIds.findIndex((id) => !mentors.has(id) || id === me);
  if (unknown >= 0) throw new StudioError('invalid_input', { path: `mentorIds.${unknown}`, issue: 'not a mentor here' });
  const id = newId();
  db.transaction(() =>
    writeRecord(
      ctx,
      { entity: 'reviewRequest', id, communityId: share.communityId, lessonId: args.lessonId },
      {
        lessonId: args.lessonId,
        requesterId: me,
        rubricId: args.rubricId,
        focus: args.focus,
        mentorIds: [...new Set(args.mentorIds)],
        dueAt: args.dueAt,
        dueZone: args.dueZone,
        status: 'open',
        requestedAt: ctx.now(),
      },
    ),
  )();
  ctx.bus.emit('reviews.changed', {});
  return requestView(ctx, id);
}

/** Possible until a review has been submitted; the mentor's work must not vanish under them. */
export function withdrawRequest(ctx: CoreContext, id: string): ReviewRequest {
  const request = requestView(ctx, id);
  if (!request.mine) throw new StudioError('forbidden', { operation: 'review.request' });
  if (!request.canWithdraw) throw new StudioError(request.status === 'withdrawn' ? 'review_withdrawn' : 'review_already_submitted');
  ctx.db.transaction(() =>
    writeRecord(
      ctx,
      { entity: 'reviewRequest', id, communityId: request.communityId, lessonId: request.lessonId },
      { status: 'withdrawn' },
    ),
  )();
  ctx.bus.emit('reviews.changed', {});
  return requestView(ctx, id);
}

export function requestView(ctx: CoreContext, id: string): ReviewRequest {
  const record = liveRecord(ctx.db, 'reviewRequest', id);
  if (!record) throw new StudioError('not_found', { entity: 'reviewRequest', id });
  settleSentDrafts(ctx.db);
  return toRequest(ctx.db, loadSnapshot(ctx.db, { lessonId: record.fields.lessonId }), record, myUserId(ctx.db), ctx.now());
}

function allRequests(ctx: CoreContext, where: { lessonId?: string } = {}): ReviewRequest[] {
  settleSentDrafts(ctx.db);
  const snap = loadSnapshot(ctx.db, where);
  const me = myUserId(ctx.db);
  return snap.requests.map((r) => toRequest(ctx.db, snap, r, me, ctx.now()));
}

/**
 * The mentor's inbox: requests sent to them (or that they took), and open ones in communities where
 * they mentor, soonest due first. A request leaves the inbox once their review is submitted.
 */
export function mentorInbox(ctx: CoreContext): { forMe: ReviewRequest[]; open: ReviewRequest[] } {
  const me = myUserId(ctx.db);
  const waiting = allRequests(ctx).filter(
    (r) => r.status === 'open' && !r.mine && !r.reviews.some((v) => v.mine && v.status === 'submitted'),
  );
  return {
    forMe: waiting.filter((r) => r.forMe || (r.myDraft !== null && r.myDraft.baseVersion === 0)).sort(byDueDate),
    open: waiting.filter((r) => !r.forMe && r.canClaim && r.mentors.length === 0 && me !== null).sort(byDueDate),
  };
}

/** The teacher's side: their own requests with what came back, newest first. */
export function myRequests(ctx: CoreContext): ReviewRequest[] {
  return allRequests(ctx)
    .filter((r) => r.mine)
    .sort((a, b) => b.requestedAt - a.requestedAt);
}

/** Everything about reviews that the lesson page shows. */
export function lessonReviews(ctx: CoreContext, lessonId: string): LessonReviews {
  const { db } = ctx;
  const share = getShare(db, lessonId);
  const me = myUserId(db);
  const role = share ? myRoleIn(db, share.communityId) : null;
  const requests = allRequests(ctx, { lessonId }).sort((a, b) => b.requestedAt - a.requestedAt);
  const draft = draftsOfLesson(db, lessonId)[0] ?? null;
  return {
    lessonId,
    communityId: share?.communityId ?? null,
    myRole: role,
    canRequest: share !== null && me !== null && share.ownerId === me && role !== null,
    mentors: share ? mentorsOf(db, share.communityId).filter((m) => m.id !== me) : [],
    requests,
    draft: publicDraft(draft),
  };
}
