import { z } from 'zod';
import {
  actionPlanFields,
  FOCUS_MAX,
  goalSchema,
  MAX_GOALS,
  plainScoresSchema,
  requestStatuses,
  REVIEW_TEXT_MAX,
  reviewStatuses,
  reviewVersionSchema,
  scoreSchema,
  scoresSchema,
} from '../review/records';
import { criterionCodeSchema, localizedTextSchema, rubricScaleSchema } from '../review/rubric';
import { errorCodes } from '../errors';
import { roleSchema } from '../permissions';
import { recordIdSchema, timeZoneSchema } from '../sync/fields';
import { idSchema, timestampSchema } from './ids';

/** What the review screens show; assembled by core/review from synced records and local drafts. */

export const personSchema = z.object({ id: z.string(), name: z.string() });
export type Person = z.infer<typeof personSchema>;

const rubricContentShape = {
  code: criterionCodeSchema,
  title: localizedTextSchema(120),
  description: localizedTextSchema(2000).nullable(),
  scale: rubricScaleSchema,
};

export const rubricSchema = z.object({
  id: recordIdSchema,
  /** null for the rubric built into the app. */
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  builtIn: z.boolean(),
  ...rubricContentShape,
  revision: z.int(),
  /** The person may change or delete it: a lead of its community. */
  editable: z.boolean(),
});
export type Rubric = z.infer<typeof rubricSchema>;

export const rubricSaveSchema = z.object({
  communityId: z.uuid(),
  /** Absent for a new rubric. */
  id: recordIdSchema.optional(),
  ...rubricContentShape,
});
export const rubricImportSchema = z.object({ communityId: z.uuid(), json: z.string().max(1_000_000) });
export const rubricAdoptSchema = z.object({ id: recordIdSchema, communityId: z.uuid() });
export const rubricListSchema = z.object({ communityId: z.uuid().optional() });

export const draftStates = ['editing', 'sent', 'rejected'] as const;

export const draftSchema = z.object({
  id: recordIdSchema,
  requestId: recordIdSchema,
  lessonId: idSchema,
  communityId: z.string(),
  scores: z.array(scoreSchema),
  strengths: z.string(),
  nextSteps: z.string(),
  noteIds: z.array(z.string()),
  /** 0 for a first review; otherwise the submitted version this draft amends. */
  baseVersion: z.int(),
  state: z.enum(draftStates),
  rejection: z.object({ code: z.enum(errorCodes), params: z.record(z.string(), z.union([z.string(), z.number()])) }).nullable(),
  updatedAt: timestampSchema,
});
export type Draft = z.infer<typeof draftSchema>;

export const planSchema = z.object({ id: recordIdSchema, ...actionPlanFields });
export type Plan = z.infer<typeof planSchema>;

export const reviewSchema = z.object({
  id: recordIdSchema,
  requestId: recordIdSchema,
  lessonId: z.string(),
  reviewer: personSchema,
  mine: z.boolean(),
  status: z.enum(reviewStatuses),
  scores: z.array(scoreSchema),
  strengths: z.string(),
  nextSteps: z.string(),
  noteIds: z.array(z.string()),
  rubricRevision: z.int().nullable(),
  submittedAt: timestampSchema.nullable(),
  version: z.int(),
  history: z.array(reviewVersionSchema),
  plan: planSchema.nullable(),
});
export type Review = z.infer<typeof reviewSchema>;

export const requestSchema = z.object({
  id: recordIdSchema,
  communityId: z.string(),
  communityName: z.string(),
  lessonId: z.string(),
  lessonTitle: z.string(),
  /** The lesson is in this device's library (it may still be downloading). */
  lessonHere: z.boolean(),
  requester: personSchema,
  mine: z.boolean(),
  rubricId: z.string().nullable(),
  rubricTitle: z.record(z.string(), z.string()).nullable(),
  focus: z.string(),
  mentors: z.array(personSchema),
  dueAt: timestampSchema.nullable(),
  dueZone: z.string().nullable(),
  status: z.enum(requestStatuses),
  requestedAt: timestampSchema,
  reviews: z.array(reviewSchema),
  /** Sent to me by name, or claimed by me. */
  forMe: z.boolean(),
  claimedBy: personSchema.nullable(),
  overdue: z.boolean(),
  canWithdraw: z.boolean(),
  canClaim: z.boolean(),
  myDraft: draftSchema.nullable(),
});
export type ReviewRequest = z.infer<typeof requestSchema>;

export const requestCreateSchema = z.object({
  lessonId: idSchema,
  mentorIds: z.array(z.uuid()).max(20).default([]),
  focus: z.string().trim().max(FOCUS_MAX),
  rubricId: recordIdSchema.nullable(),
  dueAt: timestampSchema.nullable(),
  dueZone: timeZoneSchema.nullable(),
});

export const inboxSchema = z.object({ forMe: z.array(requestSchema), open: z.array(requestSchema) });

export const lessonReviewsSchema = z.object({
  lessonId: idSchema,
  communityId: z.string().nullable(),
  /** The person's role in the lesson's community, when it is shared. */
  myRole: roleSchema.nullable(),
  /** The lesson is the person's own and shared: they may ask for feedback on it. */
  canRequest: z.boolean(),
  /** Mentors and leads of the lesson's community, for choosing reviewers. */
  mentors: z.array(personSchema),
  requests: z.array(requestSchema),
  draft: draftSchema.nullable(),
});
export type LessonReviews = z.infer<typeof lessonReviewsSchema>;

export const draftSaveSchema = z.object({
  id: recordIdSchema,
  scores: scoresSchema.optional(),
  strengths: z.string().max(REVIEW_TEXT_MAX).optional(),
  nextSteps: z.string().max(REVIEW_TEXT_MAX).optional(),
});

export const draftNoteSchema = z.object({
  id: recordIdSchema,
  kind: z.enum(['praise', 'suggestion']),
  startMs: z.int().nonnegative(),
  endMs: z.int().nonnegative().nullable().default(null),
  text: z.string().trim().min(1).max(10_000),
});

export const actOnSchema = z.object({ reviewId: recordIdSchema, noteId: recordIdSchema, actedOn: z.boolean() });

export const planSaveSchema = z.object({
  reviewId: recordIdSchema,
  goals: z.array(goalSchema.extend({ id: recordIdSchema.optional(), metAt: goalSchema.shape.metAt.optional() })).max(MAX_GOALS),
  nextLessonId: idSchema.nullable(),
});

export const growthInputSchema = z.object({ communityId: z.uuid().optional(), teacherId: z.uuid().optional() });

export const growthSchema = z.object({
  teacher: personSchema,
  /** People whose growth the viewer can look at: themselves, and in communities they lead or mentor, everyone. */
  teachers: z.array(personSchema),
  rubrics: z.array(
    z.object({
      rubric: rubricSchema,
      criteria: z.array(
        z.object({ code: z.string(), points: z.array(z.object({ reviewId: z.string(), at: timestampSchema, level: z.int() })) }),
      ),
    }),
  ),
  goals: z.array(goalSchema.extend({ reviewId: z.string(), lessonTitle: z.string(), nextLessonTitle: z.string().nullable() })),
});
export type Growth = z.infer<typeof growthSchema>;

export const communityStatsSchema = z.object({
  communityId: z.string(),
  communityName: z.string(),
  requests: z.int(),
  answered: z.int(),
  waiting: z.int(),
  withdrawn: z.int(),
  overdue: z.int(),
  answeredOnTime: z.int(),
  medianResponseMs: z.number().nullable(),
});
export type CommunityStats = z.infer<typeof communityStatsSchema>;

export const notificationKinds = ['request_new', 'review_submitted', 'reply', 'due_soon'] as const;

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.enum(notificationKinds),
  communityId: z.string(),
  lessonId: z.string().nullable(),
  lessonTitle: z.string(),
  requestId: z.string().nullable(),
  reviewId: z.string().nullable(),
  noteId: z.string().nullable(),
  actor: personSchema.nullable(),
  createdAt: timestampSchema,
  readAt: timestampSchema.nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.int() });
export const notificationReadSchema = z.object({ ids: z.array(idSchema).max(500).optional() });

export const referenceAgreementSchema = z.object({
  compared: z.int(),
  exact: z.int(),
  adjacent: z.int(),
  exactRate: z.number().nullable(),
  adjacentRate: z.number().nullable(),
});

export const calibrationSchema = z.object({
  id: recordIdSchema,
  communityId: z.string(),
  lessonId: z.string(),
  lessonTitle: z.string(),
  lessonHere: z.boolean(),
  rubricId: z.string(),
  lead: personSchema,
  iAmLead: z.boolean(),
  createdAt: timestampSchema,
  /** Shown to a mentor only once their own scores are in, so they score blind. */
  reference: plainScoresSchema.nullable(),
  myScores: plainScoresSchema.nullable(),
  myAgreement: referenceAgreementSchema.nullable(),
  scorers: z.int(),
  /** For the lead: each mentor against the reference, and mentors against each other. */
  results: z
    .object({
      mentors: z.array(z.object({ mentor: personSchema, agreement: referenceAgreementSchema, kappa: z.number().nullable() })),
      meanPercent: z.number().nullable(),
      meanKappa: z.number().nullable(),
      pairs: z.array(
        z.object({ a: personSchema, b: personSchema, compared: z.int(), percent: z.number().nullable(), kappa: z.number().nullable() }),
      ),
    })
    .nullable(),
});
export type Calibration = z.infer<typeof calibrationSchema>;

export const calibrationMarkSchema = z.object({ lessonId: idSchema, rubricId: recordIdSchema, reference: plainScoresSchema });
export const calibrationScoreInputSchema = z.object({ id: recordIdSchema, scores: plainScoresSchema });
export const calibrationListSchema = z.object({ lessonId: idSchema.optional() });
