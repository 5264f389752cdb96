import { z } from 'zod';
import { consentSchema, licences, mediaKinds } from '../sync/entities';
import { idSchema, timestampSchema } from './ids';

export const transferStates = ['queued', 'running', 'paused', 'done', 'failed'] as const;
export const transferStateSchema = z.enum(transferStates);
export type TransferState = z.infer<typeof transferStateSchema>;

/** Who shared a lesson and when, as both the library and a community's page show it. */
export const sharerFields = {
  ownerId: z.string(),
  ownerName: z.string(),
  country: z.string().nullable(),
  /** The signed-in person owns the lesson: they may edit its details and unshare it. */
  mine: z.boolean(),
  sharedAt: timestampSchema,
  /** For lessons from a community: how far its video has come down to this device. */
  download: transferStateSchema.nullable(),
};

/**
 * Where a lesson in the library is shared. `local`: it was recorded or imported here and this device
 * shared it; `hub`: it arrived from a community (its metadata is read-only unless `mine`).
 */
export const lessonShareInfoSchema = z.object({
  communityId: z.string(),
  communityName: z.string(),
  origin: z.enum(['local', 'hub']),
  ...sharerFields,
});
export type LessonShareInfo = z.infer<typeof lessonShareInfoSchema>;

export const shareInputSchema = z.object({
  lessonId: idSchema,
  communityId: z.uuid(),
  consent: consentSchema,
  licence: z.enum(licences),
  mediaKind: z.enum(mediaKinds).default('proxy'),
});

export const shareDetailsSchema = lessonShareInfoSchema.extend({
  lessonId: idSchema,
  consent: consentSchema,
  licence: z.enum(licences),
  mediaKind: z.enum(mediaKinds),
  /** When the share ends by itself (the consent's duration), or null for "until removed". */
  expiresAt: timestampSchema.nullable(),
});
export type ShareDetails = z.infer<typeof shareDetailsSchema>;
