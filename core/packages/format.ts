import { z } from 'zod';
import { collectionDescriptionSchema, licenceSchema } from '../../common/schemas/collection';
import { lessonCreditSchema } from '../../common/schemas/credit';
import { assetKindSchema } from '../../common/schemas/lesson';
import { idSchema } from '../../common/schemas/ids';
import { noteKindSchema } from '../../common/schemas/note';
import { recordIdSchema, sha256Schema } from '../../common/sync/fields';
import { hlcSchema } from '../../common/sync/hlc';

/**
 * The `.pcircle` package, version 3 (docs/pcircle-format.md): a zip whose `manifest.json` lists every
 * other entry with its size, sha256 and CRC-32. Readers find the manifest through the zip's central
 * directory; writers put it last, because the checksums are computed while the media streams in.
 * Version 3 adds each lesson's credit (licence, author, consent, community). Version 2 packages (no
 * credits) and version 1 packages (no CRC-32 in the list either: media verified by sha256) are still read.
 */
export const PACKAGE_FORMAT = 'pcircle';
export const PACKAGE_VERSION = 3;
export const READABLE_VERSIONS = [1, 2, 3] as const;
export const MANIFEST_PATH = 'manifest.json';
export const COLLECTION_PATH = 'data/collection.json';
export const lessonDataPath = (lessonId: string) => `data/lessons/${lessonId}.json`;

const ms = z.number().int().nonnegative();
/** Paths inside a package: forward slashes, no empty, `.` or `..` segments, nothing absolute. */
export const entryPathSchema = z
  .string()
  .max(300)
  .regex(/^(?!\/)(?:[A-Za-z0-9_][A-Za-z0-9_.-]*)(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/, 'not a safe package path');

const crc32Schema = z.number().int().min(0).max(0xffff_ffff);
export const manifestFileSchema = z
  .object({ path: entryPathSchema, size: ms, sha256: sha256Schema, crc32: crc32Schema.optional() })
  .strict();

export const manifestSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    version: z.literal(READABLE_VERSIONS),
    kind: z.enum(['lesson', 'collection']),
    /** The exported collection or lesson. */
    rootId: idSchema,
    title: z.string().max(200),
    createdAt: ms,
    app: z.string().max(50),
    exportedBy: z.object({ userId: z.uuid().nullable(), name: z.string().max(200) }).strict(),
    community: z
      .object({ id: z.uuid(), name: z.string().max(200) })
      .strict()
      .nullable(),
    files: z.array(manifestFileSchema).max(100_000),
  })
  .strict()
  // Version 2 gives every file's CRC-32; version 1 knew none.
  .refine((m) => m.files.every((f) => (f.crc32 !== undefined) === m.version >= 2), {
    message: 'crc32 for every file in version 2 only',
    path: ['files'],
  });
export type Manifest = z.infer<typeof manifestSchema>;

export const packageNoteSchema = z
  .object({
    id: idSchema,
    parentId: idSchema.nullable(),
    kind: noteKindSchema,
    startMs: ms,
    endMs: ms.nullable(),
    text: z.string().max(10_000),
    codeId: z.string().max(100).nullable(),
    authorName: z.string().max(200),
    authorId: z.string().max(100).nullable(),
    private: z.boolean(),
    createdAt: ms,
    updatedAt: ms,
    deletedAt: ms.nullable(),
  })
  .strict();

export const packageClipSchema = z
  .object({ id: idSchema, name: z.string().max(200), startMs: ms, endMs: ms, createdAt: ms, updatedAt: ms })
  .strict()
  .refine((c) => c.endMs > c.startMs, { message: 'range_invalid' });

export const packageSchemeSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(100),
    codes: z
      .array(
        z
          .object({
            id: idSchema,
            name: z.string().min(1).max(60),
            color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
            key: z.number().int().min(1).max(9),
          })
          .strict(),
      )
      .max(9),
  })
  .strict();

export const packageMediaSchema = z
  .object({ kind: assetKindSchema, path: entryPathSchema, mime: z.string().max(100), sha256: sha256Schema })
  .strict();

/** Community records about a lesson that travel as they were synced: its review requests, the reviews submitted, their rubrics. */
export const sharedRecordEntities = ['rubric', 'reviewRequest', 'review'] as const;

export const packageSyncedSchema = z
  .object({
    entity: z.enum(sharedRecordEntities),
    id: recordIdSchema,
    communityId: z.uuid(),
    ownerId: z.string().max(100),
    createdHlc: hlcSchema,
    fields: z.record(z.string(), z.json()),
    fieldHlcs: z.record(z.string(), hlcSchema),
  })
  .strict();
export type PackageSynced = z.infer<typeof packageSyncedSchema>;

export const packageLessonSchema = z
  .object({
    id: idSchema,
    title: z.string().min(1).max(200),
    description: z.string().max(10_000),
    subject: z.string().max(200),
    grade: z.string().max(200),
    language: z.string().max(35),
    tags: z.array(z.string().min(1).max(60)).max(50),
    durationMs: ms.nullable(),
    width: z.number().int().nonnegative().nullable(),
    height: z.number().int().nonnegative().nullable(),
    createdAt: ms,
    updatedAt: ms,
    /** Where the lesson is shared: on import it joins that community's copy, read-only as any shared lesson. */
    share: z
      .object({ communityId: z.uuid(), ownerId: z.string().max(100), sharedAt: ms })
      .strict()
      .nullable(),
    codingSchemeId: idSchema.nullable(),
    schemes: z.array(packageSchemeSchema).max(20),
    notes: z.array(packageNoteSchema).max(200_000),
    clips: z.array(packageClipSchema).max(10_000),
    media: z.array(packageMediaSchema).max(20),
    /** Feedback shared in the lesson's community (none for a lesson that was never shared). */
    shared: z.array(packageSyncedSchema).max(2000),
    /** Licence, author, consent and community (version 3; older packages have none). Its clips and collection items share it. */
    credit: lessonCreditSchema.optional(),
  })
  .strict();
export type PackageLesson = z.infer<typeof packageLessonSchema>;

export const packageItemSchema = z
  .object({
    id: idSchema,
    lessonId: idSchema,
    startMs: ms.nullable(),
    endMs: ms.nullable(),
    title: z.string().max(200),
    note: z.string().max(10_000),
    position: z.string().regex(/^[0-9A-Za-z]{1,200}$/),
    createdAt: ms,
    updatedAt: ms,
  })
  .strict()
  .refine((i) => (i.startMs === null) === (i.endMs === null) && (i.startMs === null || i.endMs! > i.startMs), { message: 'range_invalid' });

export const packageCollectionSchema = z
  .object({
    id: idSchema,
    title: z.string().min(1).max(200),
    language: z.string().max(35),
    descriptions: z.array(collectionDescriptionSchema).max(20),
    tags: z.array(z.string().min(1).max(60)).max(50),
    licence: licenceSchema,
    coverLessonId: idSchema.nullable(),
    coverMs: ms.nullable(),
    communityId: z.uuid().nullable(),
    ownerId: z.string().max(100).nullable(),
    publishedAt: ms.nullable(),
    createdAt: ms,
    updatedAt: ms,
    items: z.array(packageItemSchema).max(10_000),
  })
  .strict();
export type PackageCollection = z.infer<typeof packageCollectionSchema>;

/** Stands for the author of notes exported from a device nobody had signed in on. */
export const ARCHIVE_AUTHOR = 'archive';
