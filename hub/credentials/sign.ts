import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createCredential, createList } from '@digitalbazaar/vc-bitstring-status-list';
import { documentLoader } from '../../common/credentials/loader';
import { keyPairOf, type IssuerRow } from './issuer-keys';
import { STATUS_LIST_LENGTH } from './status-index';

const loader = documentLoader();

/** Adds an `eddsa-rdfc-2022` Data Integrity proof made with the issuer's key, here on the hub. */
export async function signCredential(issuer: IssuerRow, credential: Record<string, unknown>): Promise<Record<string, unknown>> {
  const key = await keyPairOf(issuer);
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite });
  return vc.issue({ credential, suite, documentLoader: loader });
}

export function statusListUrl(publicUrl: string, issuerId: string): string {
  return `${publicUrl}/status/${issuerId}`;
}

/** The key's W3C Bitstring Status List (purpose `revocation`), signed by the same key, as verifiers require. */
export async function signStatusList(issuer: IssuerRow, publicUrl: string, revoked: number[], now: Date): Promise<Record<string, unknown>> {
  const list = await createList({ length: STATUS_LIST_LENGTH });
  for (const index of revoked) list.setStatus(index, true);
  const credential = await createCredential({ id: statusListUrl(publicUrl, issuer.id), list, statusPurpose: 'revocation' });
  credential.issuer = issuer.did;
  credential.validFrom = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return signCredential(issuer, credential);
}
