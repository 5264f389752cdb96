import { z } from 'zod';
import { licences } from '../sync/entities';
import { languageTagSchema } from '../sync/fields';
import { idSchema, timestampSchema } from './ids';

export const licenceSchema = z.enum(licences);

/** A collection's description may be written in several languages; one entry per language. */
export const collectionDescriptionSchema = z.object({
  language: languageTagSchema,
  text: z.string().max(5000),
});
export type CollectionDescription = z.infer<typeof collectionDescriptionSchema>;

/**
 * `local`: made on this device (a draft until published); `hub`: made by another lead of a community;
 * `archive`: arrived in a `.pcircle` package, read-only.
 */
export const collectionOrigins = ['local', 'hub', 'archive'] as const;

/**
 * What a person can do with an item: `ready` to play, `pending` while its lesson's video has not come
 * down to this device, `withdrawn` once its lesson's share was taken back (only curators see those).
 */
export const itemStates = ['ready', 'pending', 'withdrawn'] as const;
export type ItemState = (typeof itemStates)[number];

export const collectionItemSchema = z.object({
  id: idSchema,
  collectionId: idSchema,
  lessonId: idSchema,
  /** The lesson's title as this device knows it; empty once the lesson is gone. */
  lessonTitle: z.string(),
  /** A whole lesson when both are null; otherwise the clip's range of it. */
  startMs: z.number().int().nonnegative().nullable(),
  endMs: z.number().int().nonnegative().nullable(),
  /** The clip's name; empty for a whole lesson. */
  title: z.string(),
  /** The curator's note: why this moment matters. */
  note: z.string(),
  /** Fractional index: items sort by it (then by id), so concurrent moves merge without renumbering. */
  position: z.string(),
  state: z.enum(itemStates),
  durationMs: z.number().int().nonnegative().nullable(),
  posterAssetId: idSchema.nullable(),
  playbackAssetId: idSchema.nullable(),
});
export type CollectionItem = z.infer<typeof collectionItemSchema>;

export const collectionSummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  /** The language the collection is curated in; sets the direction of its offline web export. */
  language: z.string(),
  descriptions: z.array(collectionDescriptionSchema),
  tags: z.array(z.string()),
  licence: licenceSchema,
  origin: z.enum(collectionOrigins),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  publishedAt: timestampSchema.nullable(),
  /** Served like a media asset: the chosen frame, else the first item's poster. */
  coverAssetId: idSchema.nullable(),
  coverLessonId: idSchema.nullable(),
  coverMs: z.number().int().nonnegative().nullable(),
  itemCount: z.number().int().nonnegative(),
  /** Whether this person may change it: their own draft, or a collection of a community they lead. */
  canEdit: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type CollectionSummary = z.infer<typeof collectionSummarySchema>;

export const collectionSchema = collectionSummarySchema.extend({ items: z.array(collectionItemSchema) });
export type Collection = z.infer<typeof collectionSchema>;

const title = z.string().trim().min(1).max(200);
const tags = z.array(z.string().trim().min(1).max(60)).max(50);
const note = z.string().max(10_000, { message: 'note_too_long' });

export const collectionCreateSchema = z.object({
  title,
  language: z.union([languageTagSchema, z.literal('')]).default(''),
  descriptions: z.array(collectionDescriptionSchema).max(20).default([]),
  tags: tags.default([]),
  licence: licenceSchema.default('all_rights_reserved'),
});

export const collectionPatchSchema = z.object({
  id: idSchema,
  title: title.optional(),
  language: z.union([languageTagSchema, z.literal('')]).optional(),
  descriptions: z.array(collectionDescriptionSchema).max(20).optional(),
  tags: tags.optional(),
  licence: licenceSchema.optional(),
  /** The cover is a frame of one of the collection's lessons; null goes back to the first item's poster. */
  cover: z.object({ lessonId: idSchema, atMs: z.number().int().nonnegative() }).nullable().optional(),
});

export const itemAddSchema = z
  .object({
    collectionId: idSchema,
    lessonId: idSchema,
    startMs: z.number().int().nonnegative().nullable().default(null),
    endMs: z.number().int().nonnegative().nullable().default(null),
    title: z.string().trim().max(200).default(''),
    note: note.default(''),
  })
  .strict()
  .refine((i) => (i.startMs === null) === (i.endMs === null), { message: 'range_invalid', path: ['endMs'] })
  .refine((i) => i.startMs === null || i.endMs === null || i.endMs > i.startMs, { message: 'range_invalid', path: ['endMs'] });

export const itemUpdateSchema = z.object({ id: idSchema, note: note.optional(), title: z.string().trim().max(200).optional() });

/** Moves an item so that it sits at `index` among the collection's items (0 is first). */
export const itemMoveSchema = z.object({ id: idSchema, index: z.number().int().nonnegative() });

export const publishSchema = z.object({ id: idSchema, communityId: z.uuid() });
