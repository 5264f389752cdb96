import type { CallArgs } from '../../common/contract';
import { StudioError } from '../../common/errors';
import type { ReviewVersion, Score } from '../../common/review/records';
import { scoreProblem } from '../../common/review/rubric';
import type { Draft, Review } from '../../common/schemas/review';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { getLessonRow } from '../library/queries';
import { addNote } from '../notes/notes';
import { syncNoteChange } from '../sync/local-changes';
import { getRecord } from '../sync/records';
import { requireCommunityPermission } from '../sync/rules';
import {
  deleteDraft,
  draftForRequest,
  getDraft,
  insertDraft,
  linkDraftNote,
  markSent,
  publicDraft,
  updateDraftContent,
  type DraftRow,
} from './draft-store';
import { liveRecord } from './records';
import { requestView } from './requests';
import { loadSnapshot, toReview } from './views';
import { requireMe, writeRecord } from './write';

/**
 * A mentor's review: claimed through the hub (so others see the request is taken), written as a draft
 * on this device only (offline too), and sent whole on submission. Amending a submitted review starts
 * a new draft of it; the version it replaces is kept in the review's history.
 */

function changed(ctx: CoreContext): void {
  ctx.bus.emit('reviews.changed', {});
}

function requireDraft(ctx: CoreContext, id: string, { editable = true } = {}): DraftRow {
  const draft = getDraft(ctx.db, id);
  if (!draft) throw new StudioError('not_found', { entity: 'draft', id });
  // Once sent, the draft waits for the hub; a refused one can be changed and sent again.
  if (editable && draft.state === 'sent') throw new StudioError('conflict', { reason: 'draft_sent' });
  return draft;
}

/** Takes a request (or opens the draft already started) and returns the draft to work on. */
export function claimRequest(ctx: CoreContext, requestId: string): Draft {
  const { db } = ctx;
  const me = requireMe(db);
  const existing = draftForRequest(db, requestId);
  if (existing) return publicDraft(existing)!;
  const request = requestView(ctx, requestId);
  requireCommunityPermission(db, request.communityId, 'review.submit', false);
  const mine = request.reviews.find((r) => r.mine);
  if (mine?.status === 'submitted') return amendReview(ctx, mine.id);
  if (!mine) {
    if (request.status === 'withdrawn') throw new StudioError('review_withdrawn');
    if (request.mine) throw new StudioError('forbidden', { reason: 'own_lesson' });
    if (request.mentors.length > 0 && !request.mentors.some((m) => m.id === me)) throw new StudioError('review_not_assigned');
    if (request.claimedBy && request.claimedBy.id !== me) throw new StudioError('review_claimed');
  }
  if (!getLessonRow(db, request.lessonId)) throw new StudioError('lesson_not_visible');
  const id = mine?.id ?? newId();
  db.transaction(() => {
    if (!mine) {
      writeRecord(
        ctx,
        { entity: 'review', id, communityId: request.communityId, lessonId: request.lessonId },
        {
          requestId,
          lessonId: request.lessonId,
          reviewerId: me,
          status: 'claimed',
          scores: [],
          strengths: '',
          nextSteps: '',
          noteIds: [],
          rubricRevision: null,
          submittedAt: null,
          version: 0,
          history: [],
        },
      );
    }
    insertDraft(
      db,
      {
        id,
        requestId,
        lessonId: request.lessonId,
        communityId: request.communityId,
        scores: [],
        strengths: '',
        nextSteps: '',
        baseVersion: 0,
        updatedAt: 0,
      },
      [],
      ctx.now(),
    );
  })();
  changed(ctx);
  return publicDraft(getDraft(db, id))!;
}

function rubricScaleOf(ctx: CoreContext, requestId: string) {
  const request = liveRecord(ctx.db, 'reviewRequest', requestId);
  const rubricId = request?.fields.rubricId ?? null;
  return rubricId ? (liveRecord(ctx.db, 'rubric', rubricId)?.fields ?? null) : null;
}

function checkScores(ctx: CoreContext, draft: DraftRow, scores: Score[]): void {
  const rubric = rubricScaleOf(ctx, draft.requestId);
  if (!rubric) {
    if (scores.length > 0) throw new StudioError('criterion_unknown', { criterion: scores[0]!.criterion });
    return;
  }
  const problem = scoreProblem(rubric.scale, scores);
  if (problem) throw new StudioError(problem.code, problem.params);
}

/** Saves what the mentor has written so far; nothing leaves the device. */
export function saveDraft(ctx: CoreContext, args: CallArgs<'reviews.saveDraft'>): Draft {
  const draft = requireDraft(ctx, args.id);
  const next = {
    scores: args.scores ?? draft.scores,
    strengths: args.strengths ?? draft.strengths,
    nextSteps: args.nextSteps ?? draft.nextSteps,
  };
  checkScores(ctx, draft, next.scores);
  updateDraftContent(ctx.db, draft.id, next, ctx.now());
  return publicDraft(getDraft(ctx.db, draft.id))!;
}

/** A glow (praise) or grow (suggestion) note of the review: a private note of the lesson until submission. */
export function addDraftNote(ctx: CoreContext, args: CallArgs<'reviews.addNote'>): Draft {
  const draft = requireDraft(ctx, args.id);
  ctx.db.transaction(() => {
    const note = addNote(ctx, {
      lessonId: draft.lessonId,
      parentId: null,
      kind: args.kind,
      startMs: args.startMs,
      endMs: args.endMs,
      text: args.text,
      codeId: null,
      private: true,
    });
    linkDraftNote(ctx.db, draft.id, note.id);
  })();
  return publicDraft(getDraft(ctx.db, draft.id))!;
}

/**
 * Sends the review: its notes become shared notes of the lesson and the review record is written,
 * all in one transaction with their outbox ops. The draft stays (as `sent`) until the hub has taken
 * it, so a refusal can bring it back with the hub's reason.
 */
export function submitDraft(ctx: CoreContext, id: string): Review {
  const { db } = ctx;
  const draft = requireDraft(ctx, id);
  const me = requireMe(db);
  const request = liveRecord(db, 'reviewRequest', draft.requestId);
  if (!request) throw new StudioError('lesson_not_visible');
  if (request.fields.status === 'withdrawn') throw new StudioError('review_withdrawn');
  checkScores(ctx, draft, draft.scores);
  const rubric = rubricScaleOf(ctx, draft.requestId);
  const missing = rubric?.scale.criteria.find((c) => !draft.scores.some((s) => s.criterion === c.code));
  if (missing) throw new StudioError('invalid_input', { path: `scores.${missing.code}`, issue: 'every criterion needs a level' });
  const current = liveRecord(db, 'review', id);
  const earlier: ReviewVersion[] =
    current && current.fields.status === 'submitted' && current.fields.submittedAt !== null
      ? [
          ...current.fields.history,
          {
            version: current.fields.version,
            submittedAt: current.fields.submittedAt,
            scores: current.fields.scores,
            strengths: current.fields.strengths,
            nextSteps: current.fields.nextSteps,
            noteIds: current.fields.noteIds,
          },
        ].slice(-20)
      : [];
  const base = getRecord(db, 'review', id);
  db.transaction(() => {
    for (const noteId of draft.noteIds) {
      db.prepare('UPDATE notes SET private = 0 WHERE id = ?').run(noteId);
      syncNoteChange(ctx, noteId);
    }
    writeRecord(
      ctx,
      { entity: 'review', id, communityId: draft.communityId, lessonId: draft.lessonId },
      {
        requestId: draft.requestId,
        lessonId: draft.lessonId,
        reviewerId: me,
        status: 'submitted',
        scores: draft.scores,
        strengths: draft.strengths,
        nextSteps: draft.nextSteps,
        noteIds: draft.noteIds,
        rubricRevision: rubric?.revision ?? null,
        submittedAt: ctx.now(),
        version: (current?.fields.version ?? 0) + 1,
        history: earlier,
      },
    );
    markSent(db, id, base ? JSON.stringify(base) : null, ctx.now());
  })();
  ctx.bus.emit('library.changed', { lessonIds: [draft.lessonId] });
  changed(ctx);
  const review = liveRecord(db, 'review', id)!;
  const snap = loadSnapshot(db, { lessonId: draft.lessonId });
  return toReview(db, review, me, snap.planOf(id));
}

/** Opens a submitted review of the person's as a draft, to change and submit again. */
export function amendReview(ctx: CoreContext, reviewId: string): Draft {
  const { db } = ctx;
  const me = requireMe(db);
  const review = liveRecord(db, 'review', reviewId);
  if (!review || review.ownerId !== me) throw new StudioError('not_found', { entity: 'review', id: reviewId });
  const existing = getDraft(db, reviewId);
  if (existing) return publicDraft(existing)!;
  if (review.fields.status !== 'submitted') throw new StudioError('conflict', { reason: 'not_submitted' });
  requireCommunityPermission(db, review.communityId, 'review.amend', true);
  const f = review.fields;
  db.transaction(() =>
    insertDraft(
      db,
      {
        id: reviewId,
        requestId: f.requestId,
        lessonId: f.lessonId,
        communityId: review.communityId,
        scores: f.scores,
        strengths: f.strengths,
        nextSteps: f.nextSteps,
        baseVersion: f.version,
        updatedAt: 0,
      },
      f.noteIds.filter((noteId) => db.prepare('SELECT 1 FROM notes WHERE id = ?').get(noteId) !== undefined),
      ctx.now(),
    ),
  )();
  changed(ctx);
  return publicDraft(getDraft(db, reviewId))!;
}

/**
 * Drops a draft. A first review also gives the request back (its claim is removed), so another mentor
 * can take it; the draft's notes stay on the lesson as the mentor's private notes.
 */
export function discardDraft(ctx: CoreContext, id: string): void {
  const { db } = ctx;
  const draft = requireDraft(ctx, id, { editable: false });
  const claim = liveRecord(db, 'review', id);
  db.transaction(() => {
    if (claim && claim.fields.status === 'claimed') {
      writeRecord(ctx, { entity: 'review', id, communityId: claim.communityId, lessonId: draft.lessonId, ownerId: claim.ownerId }, null);
    }
    deleteDraft(db, id);
  })();
  changed(ctx);
}
