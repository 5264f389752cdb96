import { z } from 'zod';
import { idSchema, timestampSchema } from './ids';

export const jobKinds = [
  'poster',
  'playable',
  'remux',
  'sprite',
  'peaks',
  'proxy',
  'clip',
  'package_export',
  'package_import',
  'web_export',
  'talk',
  'blur_detect',
  'blur_render',
  'blur_follow',
] as const;
export const jobKindSchema = z.enum(jobKinds);
export type JobKind = z.infer<typeof jobKindSchema>;

export const jobStatuses = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const jobStatusSchema = z.enum(jobStatuses);

export const jobSchema = z.object({
  id: idSchema,
  kind: jobKindSchema,
  lessonId: idSchema.nullable(),
  status: jobStatusSchema,
  progress: z.number().min(0).max(1),
  errorCode: z.string().nullable(),
  errorDetail: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Job = z.infer<typeof jobSchema>;
