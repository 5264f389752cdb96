import { z } from 'zod';
import { talkTargetSchema } from '../schemas/talk';
import { epochMsSchema, recordIdSchema, timeZoneSchema } from '../sync/fields';
import { criterionCodeSchema, MAX_CRITERIA } from './rubric';

/**
 * Field schemas of the review records that travel through sync (see common/sync/entities.ts). Only
 * submitted work travels: a mentor's draft stays on their device until they submit it.
 */

export const requestStatuses = ['open', 'withdrawn'] as const;
export const reviewStatuses = ['claimed', 'submitted'] as const;
export const MAX_GOALS = 3;
export const REVIEW_TEXT_MAX = 5000;
export const FOCUS_MAX = 500;

/** Evidence for a score: a note of the review, or a moment of the lesson. */
export const evidenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), noteId: recordIdSchema }).strict(),
  z.object({ kind: z.literal('moment'), atMs: z.int().nonnegative() }).strict(),
]);
export type Evidence = z.infer<typeof evidenceSchema>;

export const levelValueSchema = z.int().min(0).max(10);

export const scoreSchema = z
  .object({
    criterion: criterionCodeSchema,
    level: levelValueSchema,
    evidence: z.array(evidenceSchema).max(20),
  })
  .strict();
export type Score = z.infer<typeof scoreSchema>;

const uniqueCriteria = <T extends { criterion: string }>(scores: T[]) => new Set(scores.map((s) => s.criterion)).size === scores.length;
export const scoresSchema = z.array(scoreSchema).max(MAX_CRITERIA).refine(uniqueCriteria, 'one score per criterion');

/** A calibration score has no evidence: it measures agreement, not feedback. */
export const plainScoreSchema = z.object({ criterion: criterionCodeSchema, level: levelValueSchema }).strict();
export type PlainScore = z.infer<typeof plainScoreSchema>;
export const plainScoresSchema = z.array(plainScoreSchema).min(1).max(MAX_CRITERIA).refine(uniqueCriteria, 'one score per criterion');

export const reviewContentShape = {
  scores: scoresSchema,
  strengths: z.string().max(REVIEW_TEXT_MAX),
  nextSteps: z.string().max(REVIEW_TEXT_MAX),
  /** The review's own notes (glow and grow), in the order the mentor made them. */
  noteIds: z.array(recordIdSchema).max(200),
};

/** An earlier submission of a review that was amended; kept so the teacher can see what changed. */
export const reviewVersionSchema = z
  .object({
    version: z.int().min(1),
    submittedAt: epochMsSchema,
    ...reviewContentShape,
  })
  .strict();
export type ReviewVersion = z.infer<typeof reviewVersionSchema>;

export const reviewRequestFields = {
  lessonId: recordIdSchema,
  requesterId: z.uuid(),
  rubricId: recordIdSchema.nullable(),
  focus: z.string().max(FOCUS_MAX),
  /** Chosen mentors; empty means anyone with the mentor role in the community may take it. */
  mentorIds: z
    .array(z.uuid())
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, 'mentors must differ'),
  dueAt: epochMsSchema.nullable(),
  /** The requester's time zone, shown on hover beside the due date in the viewer's own zone. */
  dueZone: timeZoneSchema.nullable(),
  status: z.enum(requestStatuses),
  requestedAt: epochMsSchema,
};

export const reviewFields = {
  requestId: recordIdSchema,
  lessonId: recordIdSchema,
  reviewerId: z.uuid(),
  /** `claimed`: the mentor took the request and is working on it offline; `submitted`: it is done. */
  status: z.enum(reviewStatuses),
  ...reviewContentShape,
  rubricRevision: z.int().min(1).nullable(),
  submittedAt: epochMsSchema.nullable(),
  /** 0 while claimed, 1 once submitted, one more for every amendment. */
  version: z.int().min(0),
  history: z.array(reviewVersionSchema).max(20),
};

export const goalSchema = z
  .object({
    id: recordIdSchema,
    text: z.string().trim().min(1).max(300),
    /** The rubric criterion the goal works on, when it works on one. */
    criterion: criterionCodeSchema.nullable(),
    met: z.boolean(),
    metAt: epochMsSchema.nullable(),
    /** A talk figure the goal is measured by (common/schemas/talk.ts), when the teacher tied it to one. */
    talkTarget: talkTargetSchema.nullable().optional(),
  })
  .strict();
export type Goal = z.infer<typeof goalSchema>;

export const actionPlanFields = {
  reviewId: recordIdSchema,
  teacherId: z.uuid(),
  /** Notes of the review the teacher has acted on. */
  actedOn: z.array(recordIdSchema).max(200),
  goals: z.array(goalSchema).max(MAX_GOALS),
  nextLessonId: recordIdSchema.nullable(),
  /** Kept with the link because the next lesson may be private to the teacher's device. */
  nextLessonTitle: z.string().max(200).nullable(),
  updatedAt: epochMsSchema,
};

export const calibrationFields = {
  lessonId: recordIdSchema,
  leadId: z.uuid(),
  rubricId: recordIdSchema,
  /** The lead's reference scores; the UI shows them to a mentor only after the mentor has scored. */
  reference: plainScoresSchema,
  createdAt: epochMsSchema,
};

export const calibrationScoreFields = {
  calibrationId: recordIdSchema,
  scorerId: z.uuid(),
  scores: plainScoresSchema,
  submittedAt: epochMsSchema,
};
