import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { StudioError } from '../errors';
import { documentLoader } from './loader';
import { openBadgeCredentialSchema, type OpenBadgeCredential, type VerificationReport } from './schema';

/** A status list credential the caller fetched (from `credentialStatus.statusListCredential`), or null offline. */
export type FetchedStatusList = { url: string; credential: unknown } | null;

/** Where a credential's revocation status lives, if it has one; the caller fetches it when it can. */
export function statusListUrl(credential: OpenBadgeCredential): string | null {
  return credential.credentialStatus?.statusListCredential ?? null;
}

/** Parses what a file or a QR code held; anything that is not an Open Badges 3.0 credential is `credential_invalid`. */
export function parseOpenBadge(input: unknown): OpenBadgeCredential {
  const parsed = openBadgeCredentialSchema.safeParse(input);
  if (!parsed.success) throw new StudioError('credential_invalid', { issue: parsed.error.issues[0]?.message ?? 'shape' });
  return parsed.data;
}

const OFFLINE_MARK = 'not available offline';

/**
 * Status lists whose proof already held, by address and whole content: checking a folder of badges
 * from one community verifies its list once, not once per badge; any change to a list is a new key.
 */
const verifiedLists = new Set<string>();
function listKey(statusList: NonNullable<FetchedStatusList>): string {
  return `${statusList.url} ${JSON.stringify(statusList.credential)}`;
}

/**
 * Verifies an Open Badges 3.0 credential with its `eddsa-rdfc-2022` Data Integrity proof, with the
 * bundled contexts only (no network). The signature and the revocation status are judged apart, so a
 * person learns both: a tampered credential says the proof does not hold; a missing status list
 * (offline) says revocation could not be checked, never that it was not revoked.
 */
export async function verifyOpenBadge(input: unknown, statusList: FetchedStatusList = null): Promise<VerificationReport> {
  const credential = parseOpenBadge(input);
  const extra = new Map<string, unknown>(statusList ? [[statusList.url, statusList.credential]] : []);
  const loader = documentLoader(extra);
  const suite = new DataIntegrityProof({ cryptosuite });
  let revocation: VerificationReport['revocation'] = credential.credentialStatus ? 'unchecked' : 'none';
  const result = await vc.verifyCredential({
    credential,
    suite,
    documentLoader: loader,
    checkStatus: async () => {
      if (!statusList || statusList.url !== statusListUrl(credential)) return { verified: true };
      const key = listKey(statusList);
      const known = verifiedLists.has(key);
      const status = await checkStatus({ credential, documentLoader: loader, suite, verifyBitstringStatusListCredential: !known });
      if (status.verified && !known && verifiedLists.size < 100) verifiedLists.add(key);
      const revoked = status.results?.[0]?.status;
      if (status.verified && revoked !== undefined) revocation = revoked ? 'revoked' : 'active';
      return { verified: true };
    },
  });
  const messages = [
    result.error?.message,
    ...(result.error?.errors ?? []).map((e) => e.message),
    ...(result.results ?? []).map((r) => r.error?.message),
  ];
  const unknownIssuer = messages.some((m) => m?.includes(OFFLINE_MARK));
  return {
    ...describe(credential),
    signature: result.verified ? 'valid' : 'invalid',
    problem: result.verified ? null : unknownIssuer ? 'issuer_unknown' : 'signature_invalid',
    revocation: result.verified ? revocation : revocation === 'none' ? 'none' : 'unchecked',
  };
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
