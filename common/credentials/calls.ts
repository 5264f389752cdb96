import { z } from 'zod';
import { achievementInputSchema, evidenceInputSchema, verificationReportSchema } from './schema';
import { issuedCredentialSchema } from './hub-schemas';
import { achievementRuleSchema, eligibleMemberSchema } from './rules';

/** The studio's credential calls (core/credentials/calls.ts), merged into the contract. */

const community = z.object({ communityId: z.uuid() }).strict();
const oneCredential = z.object({ communityId: z.uuid(), credentialId: z.uuid() }).strict();

/** A credential as this studio last saw it on the hub; `fresh` is false when the hub could not be reached. */
export const credentialListSchema = z.object({ credentials: z.array(issuedCredentialSchema), fresh: z.boolean() });

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
  /** Leads: every credential of the community; anyone else: their own. Cached for offline reading. */
  'credentials.list': call(community, credentialListSchema),
  /** A lead awards an achievement to a member; the hub signs it with the community's key. */
  'credentials.award': call(
    z
      .object({
        communityId: z.uuid(),
        holderId: z.uuid(),
        achievement: achievementInputSchema,
        evidence: z.array(evidenceInputSchema).max(50).default([]),
        note: z.string().trim().max(2000).nullable().default(null),
      })
      .strict(),
    issuedCredentialSchema,
  ),
  'credentials.revoke': call(oneCredential, z.object({ ok: z.literal(true) })),
  'credentials.export': call(oneCredential.extend({ format: z.enum(['json', 'png']) }).strict(), credentialFileSchema),
  /** The QR code of a credential, for its printable certificate (a PNG data URL). */
  'credentials.qr': call(oneCredential, z.object({ dataUrl: z.string() })),
  'credentials.verify': call(verifyInputSchema, verificationReportSchema),
  /** Members who meet a rule, checked from the review cycles this studio has synced (leads use it). */
  'credentials.eligible': call(z.object({ communityId: z.uuid(), rule: achievementRuleSchema }).strict(), z.array(eligibleMemberSchema)),
} as const;
