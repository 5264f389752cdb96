import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';

type Row = HubDatabase['issued_credentials'];

export async function insertIssued(db: HubDb, row: Row): Promise<void> {
  await db.insertInto('issued_credentials').values(row).execute();
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
