import { z } from 'zod';
import { idSchema, timestampSchema } from './ids';

export const clipSchema = z.object({
  id: idSchema,
  lessonId: idSchema,
  name: z.string(),
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
  /** The asset id under which the exported MP4 is served, once an export has finished. */
  exportAssetId: idSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Clip = z.infer<typeof clipSchema>;

const clipName = z.string().trim().min(1).max(200);

export const clipAddSchema = z
  .object({
    lessonId: idSchema,
    name: clipName,
    startMs: z.number().int().nonnegative(),
    endMs: z.number().int().nonnegative(),
  })
  .strict()
  .refine((c) => c.endMs > c.startMs, { message: 'range_invalid', path: ['endMs'] });

export const clipRenameSchema = z.object({ id: idSchema, name: clipName });
