import { z } from 'zod';
import { idSchema } from './ids';

export const searchInputSchema = z.object({
  query: z.string().max(200),
  limit: z.number().int().min(1).max(100).default(30),
});

export const searchHitKinds = ['lesson', 'note', 'reply', 'reflection', 'clip'] as const;

export const searchHitSchema = z.object({
  kind: z.enum(searchHitKinds),
  lessonId: idSchema,
  lessonTitle: z.string(),
  noteId: idSchema.nullable(),
  clipId: idSchema.nullable(),
  /** Where the lesson opens: the note's or the clip's moment, or null for the start. */
  atMs: z.number().int().nonnegative().nullable(),
  /** The matching passage in pieces, so the UI can mark matches while still rendering plain text. */
  snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchOutputSchema = z.object({ hits: z.array(searchHitSchema) });
