import { z } from 'zod';
import { consentSchema, licences } from '../sync/entities';

/**
 * What travels with every copy of a lesson (hub, package, web folder, clip, collection item): the
 * licence its author gave, her name, the consent record given when it was shared, and the community
 * it came from. Clips and collection items are credited with their lesson's.
 */
export const lessonCreditSchema = z
  .object({
    licence: z.enum(licences),
    /** The author's hub account, or null for someone who never signed in. */
    authorId: z.string().max(100).nullable(),
    authorName: z.string().max(200),
    /** As given when the lesson was shared; null for a lesson never shared. */
    consent: consentSchema.nullable(),
    community: z
      .object({ id: z.uuid().nullable(), name: z.string().max(200) })
      .strict()
      .nullable(),
  })
  .strict();
export type LessonCredit = z.infer<typeof lessonCreditSchema>;

/**
 * A lesson that arrived in a `.pcircle` package and is not (yet) the community's copy: where it came
 * from, for the reader, who may read, play and search it and add private notes of their own.
 */
export const archiveInfoSchema = z.object({
  /** Its author's name, as the package gave it ('' when an older package did not say). */
  authorName: z.string(),
  /** The community it was shared in, by name, or null when the package named none. */
  communityName: z.string().nullable(),
  /** Who made the package. */
  exportedBy: z.string(),
  licence: z.enum(licences),
});
export type ArchiveInfo = z.infer<typeof archiveInfoSchema>;
