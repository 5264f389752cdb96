import { z } from 'zod';

/** The JSON-LD contexts of every credential we issue, bundled in common/credentials/loader.ts. */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const text = (max: number) => z.string().trim().min(1).max(max);

/** What the credential rests on: a lesson or a review, private unless its holder shares it. */
export const evidenceInputSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['lesson', 'review', 'response', 'goal']),
  name: text(300),
});
export type EvidenceInput = z.infer<typeof evidenceInputSchema>;

const typeList = (required: string) =>
  z.union([z.literal(required), z.array(z.string()).refine((t) => t.includes(required), `type must include ${required}`)]);

const issuerSchema = z.looseObject({ id: z.string().min(1), type: typeList('Profile'), name: z.string().optional() });

const achievementSchema = z.looseObject({
  id: z.string().min(1),
  type: typeList('Achievement'),
  name: z.string(),
  description: z.string(),
  criteria: z.looseObject({ narrative: z.string().optional(), id: z.string().optional() }),
  image: z.looseObject({ id: z.string(), type: z.literal('Image') }).optional(),
  inLanguage: z.string().optional(),
});

/**
 * An Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential 2.0) as far as the studio
 * reads it; whatever else it carries is kept, since the proof covers every byte. The published
 * JSON schema is checked in the interoperability test (tests/fixtures/credentials/).
 */
export const openBadgeCredentialSchema = z.looseObject({
  '@context': z.array(z.string()).refine((c) => c[0] === VC_V2_CONTEXT || c[0] === 'https://www.w3.org/2018/credentials/v1'),
  id: z.string().min(1).optional(),
  type: typeList('OpenBadgeCredential').or(typeList('AchievementCredential')),
  issuer: issuerSchema,
  validFrom: z.string().optional(),
  issuanceDate: z.string().optional(),
  name: z.string().optional(),
  credentialSubject: z.looseObject({
    id: z.string().optional(),
    type: typeList('AchievementSubject'),
    achievement: achievementSchema,
    identifier: z.array(z.looseObject({ identityHash: z.string(), identityType: z.string(), hashed: z.boolean() })).optional(),
  }),
  evidence: z.array(z.looseObject({ id: z.string().optional(), name: z.string().optional() })).optional(),
  credentialStatus: z
    .looseObject({ type: z.string(), statusListCredential: z.string().optional(), statusListIndex: z.string().optional() })
    .optional(),
  proof: z.unknown(),
});
export type OpenBadgeCredential = z.infer<typeof openBadgeCredentialSchema>;

/** What a verifier found, in words the UI can show: who, to whom, for what, when, and whether it holds. */
export const verificationReportSchema = z.object({
  issuer: z.object({ id: z.string(), name: z.string().nullable() }),
  recipient: z.string().nullable(),
  achievement: z.object({ name: z.string(), description: z.string(), criteria: z.string().nullable() }),
  issuedAt: z.string().nullable(),
  /** `invalid` names why in `problem`: the proof does not hold, or the issuer's key cannot be resolved offline. */
  signature: z.enum(['valid', 'invalid']),
  problem: z.enum(['signature_invalid', 'issuer_unknown']).nullable(),
  /** `unchecked`: the status list could not be fetched (offline); `none`: the credential has no status entry. */
  revocation: z.enum(['active', 'revoked', 'unchecked', 'none']),
});
export type VerificationReport = z.infer<typeof verificationReportSchema>;
