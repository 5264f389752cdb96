import { z } from 'zod';
import { idSchema } from './ids';

/**
 * Who is speaking in a stretch of a lesson; "other" is a video, music or noise the teacher marks.
 * "coteacher" is the second adult of a lesson its teacher said two adults teach; their talk counts
 * as teacher talk in the figures.
 */
export const talkLabels = ['teacher', 'coteacher', 'student', 'other'] as const;
export const talkLabelSchema = z.enum(talkLabels);
export type TalkLabel = z.infer<typeof talkLabelSchema>;

/** The teacher and the co-teacher: the adults whose talk is teacher talk. */
export const isAdult = (label: TalkLabel) => label === 'teacher' || label === 'coteacher';

export const talkSegmentSchema = z.object({
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
  label: talkLabelSchema,
  /** The label is the teacher's own (a correction covers it), not the analysis's guess. */
  corrected: z.boolean(),
});
export type TalkSegment = z.infer<typeof talkSegmentSchema>;

export const waitStatsSchema = z.object({
  count: z.number().int().nonnegative(),
  medianMs: z.number().nullable(),
  /** How many waits fell in each band: under 1 s, 1–3 s, 3–5 s, 5 s and more. */
  histogram: z.object({ under1s: z.number(), from1to3s: z.number(), from3to5s: z.number(), over5s: z.number() }),
});
export type WaitStats = z.infer<typeof waitStatsSchema>;

export const talkFiguresSchema = z.object({
  /** Teacher talk: both adults' when two teach the lesson. */
  teacherPct: z.number(),
  /** The co-teacher's part of teacherPct; absent from analyses made before co-teachers were told apart. */
  coTeacherPct: z.number().optional(),
  studentPct: z.number(),
  otherPct: z.number(),
  silencePct: z.number(),
  studentTurns: z.number().int().nonnegative(),
  /** Wait time 1: the pause after a teacher's turn before anyone speaks. */
  waitTime1: waitStatsSchema,
  /** Wait time 2: the pause after a student's turn before the teacher speaks. */
  waitTime2: waitStatsSchema,
  /** The longest turn of either adult. */
  longestTeacherMonologueMs: z.number().int().nonnegative(),
});
export type TalkFigures = z.infer<typeof talkFiguresSchema>;

export const talkAnalysisSchema = z.object({
  lessonId: idSchema,
  status: z.enum(['none', 'ready']),
  /**
   * `device`: measured on this computer (the teacher's own lesson); `community`: a lesson from a
   * community, whose analysis is what its teacher chose to share (status none when they did not).
   */
  source: z.enum(['device', 'community']),
  /** The teacher said two adults teach this lesson: the clustering looks for a co-teacher too. */
  twoAdults: z.boolean(),
  durationMs: z.number().int().nonnegative(),
  segments: z.array(talkSegmentSchema),
  figures: talkFiguresSchema.nullable(),
});
export type TalkAnalysis = z.infer<typeof talkAnalysisSchema>;

export const talkCorrectSchema = z
  .object({
    lessonId: idSchema,
    startMs: z.number().int().nonnegative(),
    endMs: z.number().int().positive(),
    label: talkLabelSchema,
  })
  .strict()
  .refine((c) => c.endMs > c.startMs, { message: 'endMs must be after startMs', path: ['endMs'] });
export type TalkCorrection = z.infer<typeof talkCorrectSchema>;

/** The per-lesson "two adults" choice: labels (and figures) follow at once, nothing is measured again. */
export const talkAdultsSchema = z.object({ lessonId: idSchema, twoAdults: z.boolean() }).strict();
export type TalkAdults = z.infer<typeof talkAdultsSchema>;

/** The figures a goal can be tied to ("wait at least 3 s after a question"). Waits in seconds, shares in percent. */
export const talkTargetFigures = ['wait1', 'wait2', 'teacherPct', 'studentPct', 'studentTurns'] as const;
export type TalkTargetFigure = (typeof talkTargetFigures)[number];
export const talkTargetSchema = z
  .object({
    figure: z.enum(talkTargetFigures),
    direction: z.enum(['atLeast', 'atMost']),
    value: z.number().nonnegative().max(10_000),
  })
  .strict();
export type TalkTarget = z.infer<typeof talkTargetSchema>;

/** A lesson's figure in the target's unit (seconds for waits); null when the lesson has none (no wait measured). */
export function targetValue(f: TalkFigures, figure: TalkTargetFigure): number | null {
  switch (figure) {
    case 'wait1':
      return f.waitTime1.medianMs === null ? null : f.waitTime1.medianMs / 1000;
    case 'wait2':
      return f.waitTime2.medianMs === null ? null : f.waitTime2.medianMs / 1000;
    default:
      return f[figure];
  }
}

export function meetsTarget(value: number | null, t: TalkTarget): boolean {
  return value !== null && (t.direction === 'atLeast' ? value >= t.value : value <= t.value);
}

/** One analysed lesson of a teacher, for the Growth view: when it was made, and its figures. */
export const talkGrowthPointSchema = z.object({
  lessonId: idSchema,
  title: z.string(),
  at: z.number(),
  figures: talkFiguresSchema,
});
export const talkGrowthSchema = z.object({ lessons: z.array(talkGrowthPointSchema) });
export type TalkGrowth = z.infer<typeof talkGrowthSchema>;
export const talkGrowthInputSchema = z.object({ teacherId: z.uuid().optional() }).strict();
