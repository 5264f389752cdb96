import { StudioError } from '../../common/errors';
import type { HubDb } from '../db/open';

/** Positions per issuer key; the spec's minimum list size (16 KB), which hides who was revoked among many. */
export const STATUS_LIST_LENGTH = 131_072;

/**
 * Takes the next free position in the key's revocation list with one atomic update, so hub
 * processes sharing the database never hand out the same one.
 */
export async function takeStatusIndex(db: HubDb, issuerId: string): Promise<number> {
  const row = await db
    .updateTable('credential_issuers')
    .set((eb) => ({ next_status_index: eb('next_status_index', '+', 1) }))
    .where('id', '=', issuerId)
    .returning('next_status_index')
    .executeTakeFirstOrThrow();
  const index = Number(row.next_status_index) - 1;
  if (index >= STATUS_LIST_LENGTH) throw new StudioError('conflict', { reason: 'status_list_full' });
  return index;
}
