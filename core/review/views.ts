import { dueState } from '../../common/review/growth';
import type { Review, ReviewRequest } from '../../common/schemas/review';
import type { Db } from '../db/open';
import { getRecord, isLive } from '../sync/records';
import { myRoleIn } from '../sync/rules';
import { draftForRequest, publicDraft } from './draft-store';
import { communityName, person } from './people';
import { liveRecord, liveRecords, type Live, type ReviewEntityFields } from './records';

type RequestRecord = Live<ReviewEntityFields['reviewRequest']>;
type ReviewRecord = Live<ReviewEntityFields['review']>;
type PlanRecord = Live<ReviewEntityFields['actionPlan']>;

/** Requests with their reviews and plans, read in three queries and joined here. */
export interface Snapshot {
  requests: RequestRecord[];
  reviewsOf(requestId: string): ReviewRecord[];
  planOf(reviewId: string): PlanRecord | null;
}

export function loadSnapshot(db: Db, where: { lessonId?: string; communityId?: string } = {}): Snapshot {
  const requests = liveRecords(db, 'reviewRequest', {
    ...(where.communityId ? { communityId: where.communityId } : {}),
    ...(where.lessonId ? { field: ['lessonId', where.lessonId] as [string, string] } : {}),
  });
  const reviews = new Map<string, ReviewRecord[]>();
  for (const r of liveRecords(db, 'review', where.communityId ? { communityId: where.communityId } : {})) {
    reviews.set(r.fields.requestId, [...(reviews.get(r.fields.requestId) ?? []), r]);
  }
  const plans = new Map(liveRecords(db, 'actionPlan').map((p) => [p.fields.reviewId, p]));
  return { requests, reviewsOf: (id) => reviews.get(id) ?? [], planOf: (id) => plans.get(id) ?? null };
}

/** A lesson's title here, or as its owner shared it when it has not come down to this device. */
export function lessonTitle(db: Db, lessonId: string): { title: string; here: boolean } {
  const row = db.prepare('SELECT title FROM lessons WHERE id = ?').get(lessonId) as { title: string } | undefined;
  if (row) return { title: row.title, here: true };
  const shared = getRecord(db, 'lesson', lessonId);
  return { title: isLive(shared) ? String(shared.fields.title ?? '') : '', here: false };
}

export function toReview(db: Db, r: ReviewRecord, me: string | null, plan: PlanRecord | null): Review {
  const f = r.fields;
  return {
    id: r.id,
    requestId: f.requestId,
    lessonId: f.lessonId,
    reviewer: person(db, r.communityId, r.ownerId),
    mine: r.ownerId === me,
    status: f.status,
    scores: f.scores,
    strengths: f.strengths,
    nextSteps: f.nextSteps,
    noteIds: f.noteIds,
    rubricRevision: f.rubricRevision,
    submittedAt: f.submittedAt,
    version: f.version,
    history: f.history,
    plan: plan ? { id: plan.id, ...plan.fields } : null,
  };
}

export function toRequest(db: Db, snap: Snapshot, req: RequestRecord, me: string | null, now: number): ReviewRequest {
  const f = req.fields;
  const reviews = snap.reviewsOf(req.id);
  const submitted = reviews.some((r) => r.fields.status === 'submitted');
  const mine = req.ownerId === me;
  const role = myRoleIn(db, req.communityId);
  const myReview = reviews.find((r) => r.ownerId === me);
  const claim = f.mentorIds.length === 0 ? reviews[0] : undefined;
  const rubric = f.rubricId ? liveRecord(db, 'rubric', f.rubricId) : null;
  const lesson = lessonTitle(db, f.lessonId);
  const mayReview = !mine && f.status === 'open' && (role === 'mentor' || role === 'lead');
  return {
    id: req.id,
    communityId: req.communityId,
    communityName: communityName(db, req.communityId),
    lessonId: f.lessonId,
    lessonTitle: lesson.title,
    lessonHere: lesson.here,
    requester: person(db, req.communityId, req.ownerId),
    mine,
    rubricId: f.rubricId,
    rubricTitle: rubric?.fields.title ?? null,
    focus: f.focus,
    mentors: f.mentorIds.map((id) => person(db, req.communityId, id)),
    dueAt: f.dueAt,
    dueZone: f.dueZone,
    status: f.status,
    requestedAt: f.requestedAt,
    reviews: reviews
      .map((r) => toReview(db, r, me, snap.planOf(r.id)))
      .sort((a, b) => (a.submittedAt ?? Infinity) - (b.submittedAt ?? Infinity)),
    forMe: me !== null && (f.mentorIds.includes(me) || myReview !== undefined),
    claimedBy: claim ? person(db, req.communityId, claim.ownerId) : null,
    overdue: f.status === 'open' && !submitted && dueState(f.dueAt, now) === 'overdue',
    canWithdraw: mine && f.status === 'open' && !submitted,
    canClaim: mayReview && !myReview && (f.mentorIds.length === 0 ? claim === undefined : f.mentorIds.includes(me!)),
    myDraft: publicDraft(draftForRequest(db, req.id)),
  };
}
