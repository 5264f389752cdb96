import { z } from 'zod';
import { idSchema, timestampSchema } from './ids';

const answer = z.string().max(10_000);

/** A teacher's guided reflection on one lesson; private unless `shared`. */
export const reflectionSchema = z.object({
  lessonId: idSchema,
  wentWell: z.string(),
  wouldChange: z.string(),
  feedbackWanted: z.string(),
  shared: z.boolean(),
  /** Null until first saved. */
  updatedAt: timestampSchema.nullable(),
});
export type Reflection = z.infer<typeof reflectionSchema>;

export const reflectionSaveSchema = z.object({
  lessonId: idSchema,
  wentWell: answer,
  wouldChange: answer,
  feedbackWanted: answer,
  shared: z.boolean(),
});
