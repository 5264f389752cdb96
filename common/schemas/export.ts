import { z } from 'zod';
import { idSchema } from './ids';

export const noteExportSchema = z.object({
  lessonId: idSchema,
  format: z.enum(['vtt', 'csv']),
});

/** A text document for the UI to hand to the person as a download. */
export const exportFileSchema = z.object({ fileName: z.string(), mime: z.string(), text: z.string() });
