import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { v7 as uuidv7 } from 'uuid';
import { didKeyOf } from '../../common/credentials/loader';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';

export type IssuerRow = HubDatabase['credential_issuers'];

function activeIssuer(db: HubDb, communityId: string): Promise<IssuerRow | undefined> {
  return db
    .selectFrom('credential_issuers')
    .selectAll()
    .where('community_id', '=', communityId)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
}

export function issuerById(db: HubDb, issuerId: string): Promise<IssuerRow | undefined> {
  return db.selectFrom('credential_issuers').selectAll().where('id', '=', issuerId).executeTakeFirst();
}

async function newIssuer(db: HubDb, communityId: string, now: number): Promise<void> {
  const key = await Ed25519Multikey.generate();
  const { did } = didKeyOf(key.publicKeyMultibase);
  const exported = await key.export({ publicKey: true, secretKey: true });
  await db
    .insertInto('credential_issuers')
    .values({
      id: uuidv7(),
      community_id: communityId,
      did,
      public_key_multibase: key.publicKeyMultibase,
      secret_key_multibase: String(exported.secretKeyMultibase),
      next_status_index: 0,
      created_at: now,
      retired_at: null,
    })
    .execute();
}

/**
 * The community's key in use, made on first need. Two hub processes may both try to make it; the
 * unique index on active keys lets one win, and the other reads the winner's.
 */
export async function issuerFor(db: HubDb, communityId: string, now: number): Promise<IssuerRow> {
  const found = await activeIssuer(db, communityId);
  if (found) return found;
  try {
    await newIssuer(db, communityId, now);
  } catch (err) {
    if (!(await activeIssuer(db, communityId))) throw err;
  }
  return (await activeIssuer(db, communityId))!;
}

/**
 * Retires the key in use and makes a new one (a hub operator's step, README "Issuer keys"). What the
 * old key signed still verifies (its `did:key` is its public key) and keeps its status list.
 */
export async function rotateIssuer(db: HubDb, communityId: string, now: number): Promise<IssuerRow> {
  await db
    .updateTable('credential_issuers')
    .set({ retired_at: now })
    .where('community_id', '=', communityId)
    .where('retired_at', 'is', null)
    .execute();
  return issuerFor(db, communityId, now);
}

/** A signer for the issuer's key, its `controller` and `id` set as a `did:key` verification method. */
export async function keyPairOf(issuer: IssuerRow): Promise<Ed25519Multikey.KeyPair> {
  const { did, verificationMethod } = didKeyOf(issuer.public_key_multibase);
  return Ed25519Multikey.from({
    '@context': 'https://w3id.org/security/multikey/v1',
    type: 'Multikey',
    id: verificationMethod,
    controller: did,
    publicKeyMultibase: issuer.public_key_multibase,
    secretKeyMultibase: issuer.secret_key_multibase,
  });
}
