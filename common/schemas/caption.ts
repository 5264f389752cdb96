import { z } from 'zod';
import { idSchema, timestampSchema } from './ids';

export const CAPTION_MAX_CHARS = 2_000_000;

export const captionTrackSchema = z.object({
  id: idSchema,
  lessonId: idSchema,
  label: z.string(),
  language: z.string(),
  cueCount: z.number().int().nonnegative(),
  createdAt: timestampSchema,
});
export type CaptionTrack = z.infer<typeof captionTrackSchema>;

/** Caption files are small text, so they travel as a string rather than through the upload path. */
export const captionImportSchema = z.object({
  lessonId: idSchema,
  name: z.string().trim().min(1).max(255),
  text: z.string().max(CAPTION_MAX_CHARS),
  language: z.string().trim().max(35).default(''),
});
