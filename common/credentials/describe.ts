import { StudioError } from '../errors';
import { openBadgeCredentialSchema, type OpenBadgeCredential, type VerificationReport } from './schema';

/** Reading a credential without checking it: what the UI and the verifier show. No crypto here. */

/** Parses what a file or a QR code held; anything that is not an Open Badges 3.0 credential is `credential_invalid`. */
export function parseOpenBadge(input: unknown): OpenBadgeCredential {
  const parsed = openBadgeCredentialSchema.safeParse(input);
  if (!parsed.success) throw new StudioError('credential_invalid', { issue: parsed.error.issues[0]?.message ?? 'shape' });
  return parsed.data;
}

/** Who, to whom, for what, when: read from the credential, whether or not its proof holds. */
export function describe(credential: OpenBadgeCredential): Omit<VerificationReport, 'signature' | 'problem' | 'revocation'> {
  const subject = credential.credentialSubject;
  const achievement = subject.achievement;
  const named = subject.identifier?.find((i) => i.identityType === 'name' && !i.hashed);
  return {
    issuer: { id: credential.issuer.id, name: credential.issuer.name ?? null },
    recipient: named?.identityHash ?? subject.id ?? null,
    achievement: { name: achievement.name, description: achievement.description, criteria: achievement.criteria.narrative ?? null },
    issuedAt: credential.validFrom ?? credential.issuanceDate ?? null,
  };
}
