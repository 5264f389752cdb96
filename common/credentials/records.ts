import { z } from 'zod';
import type { ErrorCode } from '../errors';
import { defineEntity } from '../sync/entity-definition';
import { epochMsSchema, languageTagSchema, recordIdSchema } from '../sync/fields';
import { achievementRuleSchema, type AchievementRule } from './rules';
import { evidenceInputSchema } from './schema';

/**
 * Recognition as synced records (issue #19): a community's achievements (leads define them), the
 * awards leads make, and the credentials the hub signs for them. Only the hub writes a credential:
 * when it applies an award it signs one with the community's key and writes it as an op owned by
 * the holder, so it reaches the holder and the leads through the op log and nobody else.
 */

/** An issue whose message is the error code the op (or call) is refused with (see `toErrorPayload` and `parseOp`). */
const refuse = (ctx: z.RefinementCtx, code: ErrorCode) => ctx.addIssue({ code: 'custom', message: code });

/** The largest image an achievement may carry, in bytes: it travels in every credential awarded for it. */
export const ACHIEVEMENT_IMAGE_MAX_BYTES = 48 * 1024;
const IMAGE_MAX_CHARS = 'data:image/webp;base64,'.length + Math.ceil(ACHIEVEMENT_IMAGE_MAX_BYTES / 3) * 4;
const imagePattern = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})$/;

/** The first bytes of each raster format, so a data URL's label cannot disguise what it holds (no SVG: it can carry scripts). */
function signatureMatches(kind: string, base64: string): boolean {
  let head: string;
  try {
    head = atob(base64.slice(0, 16));
  } catch {
    return false;
  }
  if (kind === 'png') return head.startsWith('\x89PNG\r\n\x1a\n');
  if (kind === 'jpeg') return head.startsWith('\xff\xd8\xff');
  return head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP';
}

/** A small raster picture (PNG, JPEG or WebP) as a data URL. */
export const achievementImageSchema = z.string().superRefine((value, ctx) => {
  if (value.length > IMAGE_MAX_CHARS) return refuse(ctx, 'achievement_image_too_large');
  const match = imagePattern.exec(value);
  if (!match || !signatureMatches(match[1]!, match[2]!)) refuse(ctx, 'achievement_image_invalid');
});

/** A rule the studio can check, or null; anything else is refused as a malformed rule. */
export const achievementRuleFieldSchema = z.custom<AchievementRule | null>().superRefine((value, ctx) => {
  if (!achievementRuleSchema.nullable().safeParse(value).success) refuse(ctx, 'achievement_rule_invalid');
});

const text = (max: number) => z.string().trim().min(1).max(max);

/** What an achievement says in one language. */
export const achievementTextSchema = z.object({ name: text(200), description: text(2000), criteria: text(2000) }).strict();
export type AchievementText = z.infer<typeof achievementTextSchema>;

export const achievementFields = {
  /** The achievement in each of the community's languages it is written in, keyed by language tag. */
  texts: z
    .record(languageTagSchema, achievementTextSchema)
    .refine((texts) => Object.keys(texts).length >= 1 && Object.keys(texts).length <= 20, 'one to twenty languages'),
  image: achievementImageSchema.nullable(),
  rule: achievementRuleFieldSchema,
  /** A retired achievement is awarded no more; what was awarded for it stays. */
  retiredAt: epochMsSchema.nullable(),
};

export const achievementEntity = defineEntity({
  fields: z.object(achievementFields).strict(),
  immutable: [],
  blobFields: [],
  permissions: { create: 'achievement.edit', update: 'achievement.edit', delete: 'achievement.edit', view: 'achievement.view' },
});

/** A lead's award of an achievement to a member; the hub answers it with a signed credential of the same id. */
export const awardFields = {
  achievementId: recordIdSchema,
  recipientId: z.uuid(),
  /** Which of the achievement's languages the credential is written in. */
  language: languageTagSchema,
  note: z.string().trim().max(2000).nullable(),
  evidence: z.array(evidenceInputSchema).max(50),
  /** Set once by a lead to revoke; the hub then marks the credential in its status list. */
  revokedAt: epochMsSchema.nullable(),
};

export const awardEntity = defineEntity({
  fields: z.object(awardFields).strict(),
  immutable: ['achievementId', 'recipientId', 'language', 'note', 'evidence'],
  blobFields: [],
  permissions: { create: 'credential.award', update: 'credential.revoke', delete: 'credential.revoke', view: 'credential.view' },
});

/** The signed credential, written by the hub alone (`credential.issue` is nobody's) and owned by its holder. */
export const credentialFields = {
  holderId: z.uuid(),
  achievementId: recordIdSchema,
  issuedAt: epochMsSchema,
  revokedAt: epochMsSchema.nullable(),
  /** The Open Badges 3.0 JSON-LD document with its proof, untouched. */
  document: z.record(z.string(), z.json()),
};

export const credentialEntity = defineEntity({
  fields: z.object(credentialFields).strict(),
  immutable: ['holderId', 'achievementId', 'issuedAt', 'document'],
  ownerField: 'holderId',
  blobFields: [],
  permissions: { create: 'credential.issue', update: 'credential.issue', delete: 'credential.issue', view: 'credential.view' },
});

export type AchievementFields = z.infer<typeof achievementEntity.fields>;
export type AwardFields = z.infer<typeof awardEntity.fields>;
export type CredentialFields = z.infer<typeof credentialEntity.fields>;
