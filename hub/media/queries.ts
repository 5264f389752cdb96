import type { Role } from '../../common/permissions';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';

/**
 * Each community's copy of a blob (or only the one in `communityId`), with the reader's role in that
 * community: null where they are not a member.
 */
export async function blobCopies(
  db: HubDb,
  sha256: string,
  userId: string,
  communityId: string | undefined,
): Promise<{ sha256: string; size: number; role: Role | null }[]> {
  let query = db
    .selectFrom('blobs')
    .leftJoin('members', (join) => join.onRef('members.community_id', '=', 'blobs.community_id').on('members.user_id', '=', userId))
    .select(['blobs.sha256', 'blobs.size', 'members.role'])
    .where('blobs.sha256', '=', sha256);
  if (communityId) query = query.where('blobs.community_id', '=', communityId);
  return query.execute();
}

/** Records a verified blob for a community; storing the same bytes there again changes nothing. */
export async function recordBlob(db: HubDb, row: HubDatabase['blobs']): Promise<void> {
  await db
    .insertInto('blobs')
    .values(row)
    .onConflict((oc) => oc.columns(['sha256', 'community_id']).doNothing())
    .execute();
}
