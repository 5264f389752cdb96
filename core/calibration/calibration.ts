import type { CallArgs } from '../../common/contract';
import { StudioError } from '../../common/errors';
import { agreementAcrossRaters, agreementWithReference, cohensKappa, paired } from '../../common/review/agreement';
import type { PlainScore } from '../../common/review/records';
import { scoreProblem } from '../../common/review/rubric';
import type { Calibration } from '../../common/schemas/review';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import type { Db } from '../db/open';
import { myUserId } from '../sync/account';
import { requireCommunityPermission } from '../sync/rules';
import { getShare } from '../sync/shares';
import { person } from '../review/people';
import { liveRecord, liveRecords, type Live, type ReviewEntityFields } from '../review/records';
import { lessonTitle } from '../review/views';
import { requireMe, writeRecord } from '../review/write';

/**
 * Calibration: a lead marks a shared lesson as an exemplar with reference scores; mentors score it
 * without seeing them, once and for good; then each sees how close they came, and the lead sees how
 * closely the mentors agree with the reference and with each other.
 */

const asMap = (scores: readonly PlainScore[]) => new Map(scores.map((s) => [s.criterion, s.level]));

function requireRubricFit(db: Db, rubricId: string, communityId: string, scores: PlainScore[]): void {
  const rubric = liveRecord(db, 'rubric', rubricId);
  if (!rubric || rubric.communityId !== communityId) throw new StudioError('not_found', { entity: 'rubric', id: rubricId });
  const problem = scoreProblem(rubric.fields.scale, scores);
  if (problem) throw new StudioError(problem.code, problem.params);
}

function toCalibration(db: Db, c: Live<ReviewEntityFields['calibration']>, me: string | null): Calibration {
  const scores = liveRecords(db, 'calibrationScore', { field: ['calibrationId', c.id] });
  const mine = scores.find((s) => s.ownerId === me) ?? null;
  const iAmLead = c.ownerId === me;
  const reference = asMap(c.fields.reference);
  const lesson = lessonTitle(db, c.fields.lessonId);
  const raters = new Map(scores.map((s) => [s.ownerId, asMap(s.fields.scores)]));
  const across = agreementAcrossRaters(raters);
  return {
    id: c.id,
    communityId: c.communityId,
    lessonId: c.fields.lessonId,
    lessonTitle: lesson.title,
    lessonHere: lesson.here,
    rubricId: c.fields.rubricId,
    lead: person(db, c.communityId, c.ownerId),
    iAmLead,
    createdAt: c.fields.createdAt,
    reference: iAmLead || mine ? c.fields.reference : null,
    myScores: mine?.fields.scores ?? null,
    myAgreement: mine ? agreementWithReference(asMap(mine.fields.scores), reference) : null,
    scorers: scores.length,
    results: iAmLead
      ? {
          mentors: scores.map((s) => {
            const { a, b } = paired(asMap(s.fields.scores), reference);
            return {
              mentor: person(db, c.communityId, s.ownerId),
              agreement: agreementWithReference(asMap(s.fields.scores), reference),
              kappa: cohensKappa(a, b)?.kappa ?? null,
            };
          }),
          meanPercent: across.meanPercent,
          meanKappa: across.meanKappa,
          pairs: across.pairs.map((p) => ({
            a: person(db, c.communityId, p.raters[0]),
            b: person(db, c.communityId, p.raters[1]),
            compared: p.compared,
            percent: p.percent,
            kappa: p.kappa,
          })),
        }
      : null,
  };
}

export function listCalibrations(ctx: CoreContext, { lessonId }: CallArgs<'calibration.list'>): Calibration[] {
  const me = myUserId(ctx.db);
  return liveRecords(ctx.db, 'calibration', lessonId ? { field: ['lessonId', lessonId] } : {})
    .map((c) => toCalibration(ctx.db, c, me))
    .sort((a, b) => b.createdAt - a.createdAt);
}

function calibrationView(ctx: CoreContext, id: string): Calibration {
  const record = liveRecord(ctx.db, 'calibration', id);
  if (!record) throw new StudioError('not_found', { entity: 'calibration', id });
  return toCalibration(ctx.db, record, myUserId(ctx.db));
}

/** A lead marks a lesson of their community as an exemplar, with the levels they would give it. */
export function markExemplar(ctx: CoreContext, { lessonId, rubricId, reference }: CallArgs<'calibration.mark'>): Calibration {
  const { db } = ctx;
  requireMe(db);
  const share = getShare(db, lessonId);
  if (!share) throw new StudioError('lesson_not_shared');
  requireCommunityPermission(db, share.communityId, 'calibration.edit', false);
  requireRubricFit(db, rubricId, share.communityId, reference);
  const id = newId();
  db.transaction(() =>
    writeRecord(
      ctx,
      { entity: 'calibration', id, communityId: share.communityId, lessonId },
      {
        lessonId,
        leadId: requireMe(db),
        rubricId,
        reference,
        createdAt: ctx.now(),
      },
    ),
  )();
  ctx.bus.emit('reviews.changed', {});
  return calibrationView(ctx, id);
}

/** A mentor's blind scores; final once given, which is what makes the comparison honest. */
export function scoreExemplar(ctx: CoreContext, { id, scores }: CallArgs<'calibration.score'>): Calibration {
  const { db } = ctx;
  const me = requireMe(db);
  const calibration = liveRecord(db, 'calibration', id);
  if (!calibration) throw new StudioError('not_found', { entity: 'calibration', id });
  requireCommunityPermission(db, calibration.communityId, 'calibration.score', false);
  if (liveRecords(db, 'calibrationScore', { field: ['calibrationId', id] }).some((s) => s.ownerId === me))
    throw new StudioError('calibration_already_scored');
  requireRubricFit(db, calibration.fields.rubricId, calibration.communityId, scores);
  db.transaction(() =>
    writeRecord(
      ctx,
      { entity: 'calibrationScore', id: newId(), communityId: calibration.communityId, lessonId: calibration.fields.lessonId },
      {
        calibrationId: id,
        scorerId: me,
        scores,
        submittedAt: ctx.now(),
      },
    ),
  )();
  ctx.bus.emit('reviews.changed', {});
  return calibrationView(ctx, id);
}
