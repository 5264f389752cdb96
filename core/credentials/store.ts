import type { IssuedCredential } from '../../common/credentials/hub-schemas';
import { StudioError } from '../../common/errors';
import type { Db } from '../db/open';
import { readMetaJson, writeMeta } from '../sync/meta';

/**
 * What this studio last received of a community's credentials, so "My credentials" opens and exports
 * with no network. They are signed documents that the hub keeps; a copy here changes nothing there.
 */
const keyOf = (communityId: string) => `credentials:${communityId}`;

export function cachedCredentials(db: Db, communityId: string): IssuedCredential[] {
  return readMetaJson<IssuedCredential[]>(db, keyOf(communityId)) ?? [];
}

export function cacheCredentials(db: Db, communityId: string, credentials: IssuedCredential[]): void {
  writeMeta(db, keyOf(communityId), JSON.stringify(credentials));
}

export function cachedCredential(db: Db, communityId: string, credentialId: string): IssuedCredential {
  const found = cachedCredentials(db, communityId).find((c) => c.id === credentialId);
  if (!found) throw new StudioError('credential_not_found', { credentialId });
  return found;
}
