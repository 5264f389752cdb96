import { StudioError } from '../../common/errors';
import { can, type Role } from '../../common/permissions';
import { entityDefinition, type EntityName } from '../../common/sync/entities';
import { decodeCursor, encodeCursor, type PullResponse } from '../../common/sync/ops';
import type { HubDb } from '../db/open';
import { readSeq } from './seq';

/**
 * One page of a community's op log after a cursor, as the JSON text of a `PullResponse` (and how many ops it holds): each op is
 * stored as the JSON it was checked as, so it goes out as that text with its seq in front, never
 * parsed and written again (for a page of 1,000 ops, most of the work). A cursor from another epoch (a wiped or different
 * hub) or beyond the newest seq (a hub restored from an older backup) cannot be trusted to resume
 * from: the client must resync, i.e. pull again from the start.
 */
export async function pullPage(
  db: HubDb,
  epoch: string,
  viewer: { userId: string; tokenHash: string; role: Role },
  query: { community: string; after?: string | undefined; limit: number },
  now: number,
): Promise<{ text: string; count: number }> {
  const after = query.after ? decodeCursor(query.after) : { epoch, seq: 0 };
  if (after.epoch !== epoch) throw new StudioError('resync_required', { reason: 'other_hub' });
  if (after.seq > (await readSeq(db))) throw new StudioError('resync_required', { reason: 'unknown_cursor' });

  const rows = await db
    .selectFrom('ops')
    .select(['seq', 'entity', 'author_id', 'op', 'pushed_by'])
    .where('community_id', '=', query.community)
    .where('seq', '>', after.seq)
    .orderBy('seq')
    .limit(query.limit + 1)
    .execute();
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  // Resuming from a cursor, a device gets what others changed, not what it pushed itself; a full
  // re-pull (no cursor) gets everything, as it must account for every record it holds.
  const pushedHere = (row: { pushed_by: string | null }) => query.after !== undefined && row.pushed_by === viewer.tokenHash;
  const ops = page
    .filter(
      (row) =>
        !pushedHere(row) &&
        can(viewer.role, entityDefinition(row.entity as EntityName).permissions.view, { isOwner: row.author_id === viewer.userId }),
    )
    .map((row) => `{"seq":${row.seq},${row.op.slice(1)}`);
  const last = page.at(-1)?.seq ?? after.seq;
  const rest: Omit<PullResponse, 'ops'> = { cursor: encodeCursor(epoch, last), hasMore, hubTime: now };
  return { text: `{"ops":[${ops.join(',')}],${JSON.stringify(rest).slice(1)}`, count: ops.length };
}
