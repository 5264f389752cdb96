import { StudioError } from '../../common/errors';
import type { Role } from '../../common/permissions';
import { rubricScaleSchema, scoreProblem } from '../../common/review/rubric';
import type { EntityName } from '../../common/sync/entities';
import type { Op } from '../../common/sync/ops';

/** A live record as a rule sees it: its owner and its current field values. */
export interface LiveRecord {
  id: string;
  ownerId: string;
  fields: Record<string, unknown>;
}

/**
 * What a rule may ask while a push is applied, always within the op's community. Lookups see the
 * batch's own earlier ops, so a request and the review of it can arrive in one push.
 */
export interface RuleContext {
  op: Op;
  userId: string;
  /** The record before this op, or null when the op creates it. */
  current: LiveRecord | null;
  /** The fields after an upsert (current values overlaid with the op's); null for a delete. */
  next: Record<string, unknown> | null;
  /** A live record, or null when it does not exist or was deleted. */
  record(entity: EntityName, id: string): Promise<LiveRecord | null>;
  /** Whether the record existed once and has been deleted. */
  wasDeleted(entity: EntityName, id: string): Promise<boolean>;
  children(entity: EntityName, parentId: string): Promise<LiveRecord[]>;
  /** Whether any live record of `entity` has `field` set to `value`. */
  isReferenced(entity: EntityName, field: string, value: string): Promise<boolean>;
  roleOf(userId: string): Promise<Role | null>;
}

type Rule = (ctx: RuleContext) => Promise<void>;
type Scores = Array<{ criterion: string; level: number }>;

/**
 * Checks of review records that one record's schema cannot express because they depend on other
 * records: a score against its rubric's range, a review against its request. A broken rule rejects
 * the op with a reason, which the mentor's studio shows beside the draft it kept.
 */
async function lessonOwnerOnly(ctx: RuleContext): Promise<void> {
  if (!ctx.next || ctx.current) return;
  const lesson = await ctx.record('lesson', ctx.next.lessonId as string);
  if (lesson && lesson.ownerId !== ctx.userId) throw new StudioError('forbidden', { reason: 'not_lesson_owner' });
}

export const entityRules: Partial<Record<EntityName, Rule>> = {
  rubric: async (ctx) => {
    if (ctx.op.action !== 'delete') return;
    for (const entity of ['reviewRequest', 'calibration'] as const) {
      if (await ctx.isReferenced(entity, 'rubricId', ctx.op.id)) throw new StudioError('rubric_in_use');
    }
  },
  // Only the lesson's teacher shares its talk analysis, or where its faces were blurred (the owner field already names the sender).
  talkAnalysis: lessonOwnerOnly,
  blurRegions: lessonOwnerOnly,
  reviewRequest: checkRequest,
  review: checkReview,
  actionPlan: checkPlan,
  calibration: async (ctx) => {
    if (ctx.next) await checkScores(ctx, ctx.next.rubricId as string, ctx.next.reference as Scores);
  },
  calibrationScore: async (ctx) => {
    if (!ctx.next || ctx.current) return;
    const calibration = await ctx.record('calibration', ctx.next.calibrationId as string);
    if (!calibration) return; // the generic parent check answers not_found
    const earlier = await ctx.children('calibrationScore', calibration.id);
    if (earlier.some((s) => s.ownerId === ctx.userId)) throw new StudioError('calibration_already_scored');
    await checkScores(ctx, calibration.fields.rubricId as string, ctx.next.scores as Scores);
  },
};

async function hasSubmittedReview(ctx: RuleContext, requestId: string): Promise<boolean> {
  return (await ctx.children('review', requestId)).some((r) => r.fields.status === 'submitted');
}

async function checkRequest(ctx: RuleContext): Promise<void> {
  const { next, current } = ctx;
  if (!next) {
    if (await hasSubmittedReview(ctx, ctx.op.id)) throw new StudioError('review_already_submitted');
    return;
  }
  if (!current) {
    const lesson = await ctx.record('lesson', next.lessonId as string);
    if (lesson && lesson.ownerId !== ctx.userId) throw new StudioError('forbidden', { reason: 'not_lesson_owner' });
    if (next.rubricId !== null && !(await ctx.record('rubric', next.rubricId as string))) {
      throw new StudioError('not_found', { entity: 'rubric', id: String(next.rubricId) });
    }
    for (const mentorId of next.mentorIds as string[]) {
      const role = await ctx.roleOf(mentorId);
      if (role !== 'mentor' && role !== 'lead')
        throw new StudioError('invalid_input', { path: 'fields.mentorIds', issue: 'not a mentor here' });
    }
  }
  // Once a review is in, the request stays: the mentor's work must not vanish under them.
  if (next.status === 'withdrawn' && current?.fields.status !== 'withdrawn' && (await hasSubmittedReview(ctx, ctx.op.id))) {
    throw new StudioError('review_already_submitted');
  }
}

async function checkReview(ctx: RuleContext): Promise<void> {
  const { next, current } = ctx;
  if (!next) {
    if (current?.fields.status === 'submitted') throw new StudioError('review_already_submitted');
    return;
  }
  const requestId = next.requestId as string;
  const request = await ctx.record('reviewRequest', requestId);
  if (!request) {
    if (!(await ctx.record('lesson', next.lessonId as string))) throw new StudioError('lesson_not_visible');
    if (await ctx.wasDeleted('reviewRequest', requestId)) throw new StudioError('review_withdrawn');
    throw new StudioError('not_found', { entity: 'reviewRequest', id: requestId });
  }
  if (request.fields.lessonId !== next.lessonId)
    throw new StudioError('invalid_input', { path: 'fields.lessonId', issue: 'not the lesson of the request' });
  if (!(await ctx.record('lesson', next.lessonId as string))) throw new StudioError('lesson_not_visible');
  if (request.fields.status === 'withdrawn') throw new StudioError('review_withdrawn');
  if (request.ownerId === ctx.userId) throw new StudioError('forbidden', { reason: 'own_lesson' });
  const chosen = request.fields.mentorIds as string[];
  if (chosen.length > 0 && !chosen.includes(ctx.userId)) throw new StudioError('review_not_assigned');
  if (!current && chosen.length === 0) {
    const others = (await ctx.children('review', requestId)).filter((r) => r.ownerId !== ctx.userId);
    if (others.length > 0) throw new StudioError('review_claimed');
  }
  if (current?.fields.status === 'submitted' && next.status !== 'submitted')
    throw new StudioError('invalid_input', { path: 'fields.status', issue: 'a submitted review stays submitted' });
  const rubricId = request.fields.rubricId as string | null;
  const scores = next.scores as Scores;
  if (rubricId === null) {
    if (scores.length > 0) throw new StudioError('criterion_unknown', { criterion: scores[0]!.criterion });
    return;
  }
  await checkScores(ctx, rubricId, scores);
}

async function checkPlan(ctx: RuleContext): Promise<void> {
  if (!ctx.next || ctx.current) return;
  const review = await ctx.record('review', ctx.next.reviewId as string);
  if (!review) return; // the generic parent check answers not_found
  const request = await ctx.record('reviewRequest', review.fields.requestId as string);
  if (!request || request.ownerId !== ctx.userId) throw new StudioError('forbidden', { reason: 'not_requester' });
}

async function checkScores(ctx: RuleContext, rubricId: string, scores: Scores): Promise<void> {
  const rubric = await ctx.record('rubric', rubricId);
  if (!rubric) throw new StudioError('not_found', { entity: 'rubric', id: rubricId });
  const problem = scoreProblem(rubricScaleSchema.parse(rubric.fields.scale), scores);
  if (problem) throw new StudioError(problem.code, problem.params);
}
