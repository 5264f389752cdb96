import { z } from 'zod';

/** Bodies and answers of the hub's credential routes (common/hub-api.ts). */

export const statusListParamsSchema = z.object({ issuerId: z.uuid() });

/** A signed credential as the studio shows it (a synced `credential` record); `credential` is the JSON-LD document, signed, untouched. */
export const issuedCredentialSchema = z.object({
  id: z.string(),
  communityId: z.uuid(),
  holderId: z.uuid(),
  achievementId: z.string(),
  issuedAt: z.int(),
  revokedAt: z.int().nullable(),
  credential: z.record(z.string(), z.unknown()),
});
export type IssuedCredential = z.infer<typeof issuedCredentialSchema>;

export const issuerResponseSchema = z.object({ did: z.string(), name: z.string() });
/** A W3C Bitstring Status List credential, signed by the same key as the credentials it lists. */
export const statusListResponseSchema = z.record(z.string(), z.unknown());
