import { z } from 'zod';
import { evidenceInputSchema, verificationReportSchema } from './schema';
import { issuedCredentialSchema } from './hub-schemas';
import { achievementFields, achievementTextSchema } from './records';
import { achievementRuleSchema, eligibleMemberSchema } from './rules';

/** The studio's credential calls (core/credentials/calls.ts), merged into the contract. */

const community = z.object({ communityId: z.uuid() }).strict();
const oneCredential = z.object({ communityId: z.uuid(), credentialId: z.uuid() }).strict();

/**
 * The credentials this studio holds (synced records: a lead's studio has the community's, anyone
 * else's only their own) and, for leads, awards made that the hub has not signed yet.
 */
export const credentialListSchema = z.object({
  credentials: z.array(issuedCredentialSchema),
  pending: z.array(z.object({ id: z.string(), holderId: z.uuid(), achievementId: z.string() })),
});

/** An achievement of a community as this studio holds it; `editable` when this person may change it. */
export const achievementSchema = z.object({
  id: z.string(),
  communityId: z.uuid(),
  texts: z.record(z.string(), achievementTextSchema),
  image: z.string().nullable(),
  rule: achievementRuleSchema.nullable(),
  retiredAt: z.int().nullable(),
  editable: z.boolean(),
});
export type Achievement = z.infer<typeof achievementSchema>;

/** A file for the UI to hand over as a download: JSON as text, a baked PNG badge as base64. */
export const credentialFileSchema = z.object({ fileName: z.string(), mime: z.string(), base64: z.string() });

/** A file a person dropped or picked: JSON, a baked PNG, or a picture of a QR code (PNG). */
export const verifyInputSchema = z
  .object({
    fileName: z.string().max(300),
    base64: z.string().max(Math.ceil((8 * 1024 * 1024 * 4) / 3)),
  })
  .strict();

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const credentialCalls = {
  /** The community's achievements, retired ones last. */
  'credentials.achievements': call(community, z.array(achievementSchema)),
  /** A lead defines an achievement (no `id`) or edits one; it travels to the community as a synced record. */
  'credentials.saveAchievement': call(
    z
      .object({
        communityId: z.uuid(),
        id: z.string().optional(),
        texts: achievementFields.texts,
        image: achievementFields.image.default(null),
        rule: achievementFields.rule.default(null),
      })
      .strict(),
    achievementSchema,
  ),
  'credentials.retireAchievement': call(z.object({ id: z.string() }).strict(), z.object({ ok: z.literal(true) })),
  /** From local records: leads see every credential of the community, anyone else their own. */
  'credentials.list': call(community, credentialListSchema),
  /**
   * A lead awards an achievement to a member: an award record, written offline if need be; the hub
   * signs the credential when it applies it, and the credential comes back through sync.
   */
  'credentials.award': call(
    z
      .object({
        communityId: z.uuid(),
        holderId: z.uuid(),
        achievementId: z.string(),
        language: z.string().optional(),
        evidence: z.array(evidenceInputSchema).max(50).default([]),
        note: z.string().trim().max(2000).nullable().default(null),
      })
      .strict(),
    z.object({ id: z.string() }),
  ),
  /** A lead revokes: the award record says so, and the hub marks the credential in its status list. */
  'credentials.revoke': call(oneCredential, z.object({ ok: z.literal(true) })),
  'credentials.export': call(oneCredential.extend({ format: z.enum(['json', 'png']) }).strict(), credentialFileSchema),
  /** The QR code of a credential, for its printable certificate (a PNG data URL). */
  'credentials.qr': call(oneCredential, z.object({ dataUrl: z.string() })),
  'credentials.verify': call(verifyInputSchema, verificationReportSchema),
  /** Members who meet a rule, checked from the review cycles this studio has synced (leads use it). */
  'credentials.eligible': call(z.object({ communityId: z.uuid(), rule: achievementRuleSchema }).strict(), z.array(eligibleMemberSchema)),
} as const;
