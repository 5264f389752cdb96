import { z } from 'zod';
import { achievementInputSchema, evidenceInputSchema } from './schema';

/** Bodies and answers of the hub's credential routes (common/hub-api.ts). */

export const credentialParamsSchema = z.object({ communityId: z.uuid(), credentialId: z.uuid() });
export const statusListParamsSchema = z.object({ issuerId: z.uuid() });

export const awardRequestSchema = z.object({
  holderId: z.uuid(),
  achievement: achievementInputSchema,
  evidence: z.array(evidenceInputSchema).max(50).default([]),
  /** Why a lead awarded it by hand; shown as narrative evidence. */
  note: z.string().trim().max(2000).nullable().default(null),
});

/** A signed credential as the hub stores it; `credential` is the JSON-LD document, signed, untouched. */
export const issuedCredentialSchema = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  holderId: z.uuid(),
  achievementId: z.uuid(),
  issuedAt: z.int(),
  revokedAt: z.int().nullable(),
  credential: z.record(z.string(), z.unknown()),
});
export type IssuedCredential = z.infer<typeof issuedCredentialSchema>;

export const awardResponseSchema = z.object({ credential: issuedCredentialSchema });
export const credentialsResponseSchema = z.object({ credentials: z.array(issuedCredentialSchema) });
export const issuerResponseSchema = z.object({ did: z.string(), name: z.string() });
/** A W3C Bitstring Status List credential, signed by the same key as the credentials it lists. */
export const statusListResponseSchema = z.record(z.string(), z.unknown());
