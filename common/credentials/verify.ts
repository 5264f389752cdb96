import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { documentLoader } from './loader';
import { describe, parseOpenBadge } from './describe';
import type { OpenBadgeCredential, VerificationReport } from './schema';

/** A status list credential the caller fetched (from `credentialStatus.statusListCredential`), or null offline. */
export type FetchedStatusList = { url: string; credential: unknown } | null;

/** Where a credential's revocation status lives, if it has one; the caller fetches it when it can. */
export function statusListUrl(credential: OpenBadgeCredential): string | null {
  return credential.credentialStatus?.statusListCredential ?? null;
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
