import { z } from 'zod';
import { idSchema, timestampSchema } from './ids';
import { archiveInfoSchema } from './credit';
import { lessonShareInfoSchema } from './sharing';
import { errorPayloadSchema } from '../errors';

export const lessonStatuses = ['processing', 'ready', 'failed'] as const;
export const lessonStatusSchema = z.enum(lessonStatuses);

export const assetKinds = ['original', 'playable', 'poster', 'sprite', 'sprite_index', 'peaks', 'proxy', 'captions', 'blurred'] as const;
export const assetKindSchema = z.enum(assetKinds);

export const assetSchema = z.object({
  id: idSchema,
  lessonId: idSchema,
  kind: assetKindSchema,
  mime: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  createdAt: timestampSchema,
});
export type Asset = z.infer<typeof assetSchema>;

const shortText = z.string().trim().max(200);

export const lessonSummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  subject: z.string(),
  grade: z.string(),
  language: z.string(),
  status: lessonStatusSchema,
  errorCode: z.string().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  posterAssetId: idSchema.nullable(),
  noteCount: z.number().int().nonnegative(),
  /** Where the lesson is shared, or null while it is private to this device. */
  shared: lessonShareInfoSchema.nullable(),
  /** Made here, from a community, or from a package (read-only but for private notes of one's own). */
  origin: z.enum(['local', 'hub', 'archive']),
  /** For a lesson from a package: where it came from; null otherwise. */
  archive: archiveInfoSchema.nullable(),
});
export type LessonSummary = z.infer<typeof lessonSummarySchema>;

export const lessonSchema = lessonSummarySchema.extend({
  description: z.string(),
  tags: z.array(z.string()),
  source: z.enum(['import', 'recording']),
  originalName: z.string().nullable(),
  assets: z.array(assetSchema),
  /** The asset the player should load: a browser-playable copy when one was needed, else the original. */
  playbackAssetId: idSchema.nullable(),
});
export type Lesson = z.infer<typeof lessonSchema>;

export const lessonSortSchema = z.enum(['newest', 'oldest', 'title']);

export const lessonListInputSchema = z.object({
  query: z.string().max(200).optional(),
  sort: lessonSortSchema.default('newest'),
  limit: z.number().int().min(1).max(500).default(60),
  offset: z.number().int().min(0).default(0),
});

export const lessonListOutputSchema = z.object({
  items: z.array(lessonSummarySchema),
  total: z.number().int().nonnegative(),
});

export const lessonPatchSchema = z
  .object({
    title: shortText.min(1),
    subject: shortText,
    grade: shortText,
    language: z.string().trim().max(35),
    description: z.string().max(10_000),
    tags: z.array(z.string().trim().min(1).max(60)).max(50),
  })
  .partial();
export type LessonPatch = z.infer<typeof lessonPatchSchema>;

/**
 * Where an import comes from. The Electron shell hands the core the path of a file the user chose;
 * the browser shell first streams the file into the library's staging folder and names it by id.
 */
export const importSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('staged'), stagedId: idSchema, name: z.string().min(1).max(255) }),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

/** What `lessons.import` answers: one result per source, a lesson or the error that stopped it. */
export const importResultSchema = z.object({
  results: z.array(
    z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        name: z.string(),
        lesson: lessonSchema,
        /** Set when only the start of the file could be read (an interrupted copy): the lesson holds that part. */
        partial: z.object({ playableMs: z.number(), declaredMs: z.number() }).optional(),
      }),
      z.object({ ok: z.literal(false), name: z.string(), error: errorPayloadSchema }),
    ]),
  ),
});

export const folderVideosSchema = z.object({
  files: z.array(z.object({ path: z.string(), name: z.string(), sizeBytes: z.number() })),
});
