import { z } from 'zod';
import { idSchema, timestampSchema } from './ids';

export const noteKinds = ['observation', 'praise', 'question', 'suggestion'] as const;
export const noteKindSchema = z.enum(noteKinds);
export type NoteKind = z.infer<typeof noteKindSchema>;

export const NOTE_MAX_CHARS = 10_000;

export const noteSchema = z.object({
  id: idSchema,
  lessonId: idSchema,
  parentId: idSchema.nullable(),
  kind: noteKindSchema,
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative().nullable(),
  text: z.string(),
  codeId: z.string().nullable(),
  authorName: z.string(),
  /** The hub account of a note that came from someone else's device; null for this device's person. */
  authorId: z.string().nullable(),
  /** A private note never leaves the device; others go to the community the lesson is shared with. */
  private: z.boolean(),
  /** Part of the person's unsent review draft: it travels with the review when that is submitted, never alone. */
  inReviewDraft: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Note = z.infer<typeof noteSchema>;

const noteText = z.string().max(NOTE_MAX_CHARS, { message: 'note_too_long' });

export const noteAddSchema = z.object({
  lessonId: idSchema,
  parentId: idSchema.nullable().default(null),
  kind: noteKindSchema.default('observation'),
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative().nullable().default(null),
  text: noteText,
  codeId: z.string().max(100).nullable().default(null),
  /** Left out: private on the teacher's own lessons, shared on a lesson from a community. */
  private: z.boolean().optional(),
});

export const notePatchSchema = z.object({
  id: idSchema,
  kind: noteKindSchema.optional(),
  startMs: z.number().int().nonnegative().optional(),
  endMs: z.number().int().nonnegative().nullable().optional(),
  text: noteText.optional(),
  codeId: z.string().max(100).nullable().optional(),
  private: z.boolean().optional(),
});
