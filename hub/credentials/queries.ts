import type { IssuedCredential } from '../../common/credentials/hub-schemas';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';

type Row = HubDatabase['issued_credentials'];

export function toIssued(row: Row): IssuedCredential {
  return {
    id: row.id,
    communityId: row.community_id,
    holderId: row.holder_id,
    achievementId: row.achievement_id,
    issuedAt: Number(row.issued_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    credential: JSON.parse(row.credential) as Record<string, unknown>,
  };
}

export async function insertIssued(db: HubDb, row: Row): Promise<void> {
  await db.insertInto('issued_credentials').values(row).execute();
}

/** A community's credentials, newest first; only one holder's when `holderId` is given. */
export async function credentialsOf(db: HubDb, communityId: string, holderId: string | null): Promise<IssuedCredential[]> {
  let query = db.selectFrom('issued_credentials').selectAll().where('community_id', '=', communityId);
  if (holderId) query = query.where('holder_id', '=', holderId);
  return (await query.orderBy('issued_at', 'desc').orderBy('id', 'desc').execute()).map(toIssued);
}

/** Marks a credential revoked; false when the community has no such credential. Revoking twice keeps the first time. */
export async function revokeIssued(db: HubDb, communityId: string, credentialId: string, now: number): Promise<boolean> {
  const row = await db
    .selectFrom('issued_credentials')
    .select('id')
    .where('community_id', '=', communityId)
    .where('id', '=', credentialId)
    .executeTakeFirst();
  if (!row) return false;
  await db
    .updateTable('issued_credentials')
    .set({ revoked_at: now })
    .where('id', '=', credentialId)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}

export async function revokedIndexes(db: HubDb, issuerId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('issued_credentials')
    .select('status_index')
    .where('issuer_id', '=', issuerId)
    .where('revoked_at', 'is not', null)
    .execute();
  return rows.map((r) => Number(r.status_index));
}
