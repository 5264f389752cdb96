import { z } from 'zod';
import { exportConcernReasons } from '../licence';
import { consentVisibilities, licences } from '../sync/entities';
import { idSchema } from './ids';
import { importSourceSchema } from './lesson';
import { jobSchema } from './job';

export const packageTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lesson'), id: idSchema }).strict(),
  z.object({ kind: z.literal('collection'), id: idSchema }).strict(),
]);
export type PackageTarget = z.infer<typeof packageTargetSchema>;

/** `pcircle`: one file another studio imports; `web`: a folder any browser opens from the disk. */
export const exportFormats = ['pcircle', 'web'] as const;
export const exportFormatSchema = z.enum(exportFormats);

/** The video that travels: the small sharing copy by default, or the original. */
export const mediaChoices = ['proxy', 'original'] as const;
export const mediaChoiceSchema = z.enum(mediaChoices);
export type MediaChoice = z.infer<typeof mediaChoiceSchema>;

/**
 * Where the export goes, and its limits: FAT32 (most USB sticks) holds no file of 4 GiB or more; a
 * DVD holds 4.7 GB in all; exFAT/NTFS and this computer's own disk only their free space.
 */
export const media = {
  fat32: { maxFileBytes: 2 ** 32 - 1, capacityBytes: null },
  exfat: { maxFileBytes: null, capacityBytes: null },
  dvd: { maxFileBytes: null, capacityBytes: 4_700_000_000 },
} as const;
export const mediumSchema = z.enum(Object.keys(media) as [keyof typeof media, ...(keyof typeof media)[]]);
export type Medium = z.infer<typeof mediumSchema>;

/** A folder typed or chosen by the person; the core checks it exists and can be written. */
export const folderSchema = z.string().trim().min(1).max(4096);

/**
 * The words of an offline web export's page, from the studio's catalogs in the collection's
 * language: the page runs with no app behind it, so it carries its own.
 */
export const webLabelKeys = [
  'playAll',
  'next',
  'previous',
  'curatorNote',
  'captionsLabel',
  'items',
  'clipOf',
  'licence',
  'noScript',
  'nowPlaying',
  'player',
  'author',
  'lessonLicence',
  'community',
  'consent',
] as const;
/**
 * The words of the export's verify page (`verify.html`), which checks an Open Badges credential with
 * no app and no network; the page shows a person's words (names, achievements) only as text.
 */
export const verifyLabelKeys = [
  'title',
  'intro',
  'pick',
  'drop',
  'checking',
  'signatureValid',
  'signatureInvalid',
  'issuerUnknown',
  'revocationUnchecked',
  'revocationNone',
  'issuer',
  'recipient',
  'achievement',
  'issuedAt',
  'notCredential',
  'notInImage',
  'back',
  'noScript',
] as const;
export const verifyLabelsSchema = z
  .object(Object.fromEntries(verifyLabelKeys.map((k) => [k, z.string().max(400)])) as Record<(typeof verifyLabelKeys)[number], z.ZodString>)
  .strict();
export type VerifyLabels = z.infer<typeof verifyLabelsSchema>;

export const webLabelsSchema = z
  .object({
    ...(Object.fromEntries(webLabelKeys.map((k) => [k, z.string().max(300)])) as Record<(typeof webLabelKeys)[number], z.ZodString>),
    /** Each licence's name in the page's language; the deed's short code where one is missing. */
    licenceNames: z.partialRecord(z.enum(licences), z.string().max(200)).optional(),
    /** What learners' consent covers ("Learners' voices only"), in the page's language. */
    consentNames: z.partialRecord(z.enum(consentVisibilities), z.string().max(200)).optional(),
    /** The language these words are in: the page's language when the lesson or collection names none. */
    language: z.string().max(35).optional(),
    /** The verify page's words; needed when the export includes it. */
    verify: verifyLabelsSchema.optional(),
  })
  .strict();
export type WebLabels = z.infer<typeof webLabelsSchema>;

export const exportRequestSchema = z.object({
  target: packageTargetSchema,
  format: exportFormatSchema.default('pcircle'),
  media: mediaChoiceSchema.default('proxy'),
  /** Private notes stay on this device unless the person includes them in this export. */
  includePrivateNotes: z.boolean().default(false),
  /** A web export may carry `verify.html`, a page that checks Open Badges credentials offline. */
  verifyPage: z.boolean().optional(),
  /** Left out: the data folder's `exports` folder. */
  folder: folderSchema.optional(),
  /** Needed for a web export. */
  labels: webLabelsSchema.optional(),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

/**
 * A lesson in an export whose licence its author gave forbids the copy (common/licence.ts): the
 * dialog says which and why before anything is written, and the person may cancel or go on.
 */
export const licenceConcernSchema = z.object({
  lessonId: idSchema,
  title: z.string(),
  authorName: z.string(),
  licence: z.enum(licences),
  reasons: z.array(z.enum(exportConcernReasons)).min(1),
});
export type LicenceConcern = z.infer<typeof licenceConcernSchema>;

export const exportEstimateSchema = z.object({
  folder: z.string(),
  /** Name of the file or folder the export will create inside `folder`. */
  name: z.string(),
  totalBytes: z.number().int().nonnegative(),
  largestFileBytes: z.number().int().nonnegative(),
  fileCount: z.number().int().nonnegative(),
  lessonCount: z.number().int().nonnegative(),
  /** Items left out because they cannot play here (withdrawn, or not downloaded yet). */
  skippedItems: z.number().int().nonnegative(),
  /** Free space where the export goes; null when the folder does not exist yet. */
  freeBytes: z.number().int().nonnegative().nullable(),
  /** Lessons whose licence forbids this copy. */
  licenceConcerns: z.array(licenceConcernSchema),
});
export type ExportEstimate = z.infer<typeof exportEstimateSchema>;

export const exportStartedSchema = z.object({ job: jobSchema, path: z.string() });

export const importRequestSchema = z.object({ source: importSourceSchema });
