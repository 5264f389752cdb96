import { sql, type RawBuilder } from 'kysely';
import { StudioError } from '../../common/errors';
import { can, type Role } from '../../common/permissions';
import { entityNames, syncEntities } from '../../common/sync/entities';
import { decodeCursor, encodeCursor, type PullResponse } from '../../common/sync/ops';
import type { HubDb } from '../db/open';
import { checkSession, tokenHashOf, type SessionUser } from '../auth/sessions';
import { pageText, type LogOp, type OpCache } from './op-cache';
import { joinedJson } from './op-json';

/** What a pull needs to know before its page, read with the caller's session in one round trip. */
export interface PullState {
  account: SessionUser;
  /** The caller's role in the community; null for someone who is not (or no longer) a member. */
  role: Role | null;
  /** The op log's newest seq (is a cursor from the future?). */
  seq: number;
  /** Whether a share in the community is past its agreed duration (then it expires before the pull). */
  due: boolean;
}

/** Checks the session as `authenticate` does (401 for a bad one), reading the rest of `PullState` with it. */
export async function pullState(db: HubDb, authorization: string | undefined, communityId: string, now: number): Promise<PullState> {
  const tokenHash = tokenHashOf(authorization);
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'created_at', 'expires_at'])
    .select((eb) => [
      eb
        .selectFrom('members')
        .select('role')
        .where('community_id', '=', communityId)
        .whereRef('members.user_id', '=', 'sessions.user_id')
        .as('role'),
      eb.selectFrom('hub_meta').select('value').where('key', '=', 'seq').as('seq'),
      eb
        .exists(
          eb
            .selectFrom('records')
            .select('record_id')
            .where('expires_at', '<=', now)
            .where('deleted_hlc', 'is', null)
            .where('community_id', '=', communityId),
        )
        .as('due'),
    ])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  const account = await checkSession(db, tokenHash, row, now);
  return { account, role: row!.role ?? null, seq: Number(row!.seq), due: Boolean(row!.due) };
}

/** Which entities' ops a role may see: `any` everyone's, `own` only the viewer's own (the permission table's `view` grant). */
function viewable(role: Role): { any: string[]; own: string[] } {
  const any = entityNames.filter((e) => can(role, syncEntities[e].permissions.view));
  const own = entityNames.filter((e) => !any.includes(e) && can(role, syncEntities[e].permissions.view, { isOwner: true }));
  return { any, own };
}

/** `viewable` as SQL over the op log's `entity` and `author_id`. */
function visibleTo(role: Role, userId: string): RawBuilder<boolean> {
  const { any, own } = viewable(role);
  const among = (names: string[]) => (names.length ? sql`entity IN (${sql.join(names)})` : sql`1 = 0`);
  return sql<boolean>`(${among(any)} OR (${among(own)} AND author_id = ${userId}))`;
}

/** The same test as `visibleTo` and `notPushedHere` below, for ops held in memory. */
function shownTo(viewer: Viewer, resuming: boolean): (op: LogOp) => boolean {
  const { any, own } = viewable(viewer.role);
  const anyOf = new Set(any);
  const ownOf = new Set(own);
  return (op) =>
    (anyOf.has(op.entity) || (ownOf.has(op.entity) && op.authorId === viewer.userId)) && (!resuming || op.pushedBy !== viewer.tokenHash);
}

const OPS_START = '{"ops":[';
const OPS_START_BYTES = Buffer.from(OPS_START);

interface Viewer {
  userId: string;
  tokenHash: string;
  role: Role;
}

interface PageQuery {
  community: string;
  after?: string | undefined;
  limit: number;
}

/**
 * One page of a community's op log after a cursor, as the UTF-8 JSON of a `PullResponse` (and how many
 * ops it holds). The page is the next `limit` ops of the log; those the viewer may not see, by the
 * permission table, are left out of it, and the cursor moves past them all the same. Resuming from a
 * cursor, a device gets what others changed, not what it pushed itself; a full re-pull (no cursor)
 * gets everything, as it must account for every record it holds.
 *
 * The page comes from this process's cache of the log's tail (op-cache.ts) when it holds the ops
 * after the cursor, else from the database. `read` runs each database read (the pull gate); `newestSeq`
 * is the op log's head as read with the caller's session.
 *
 * A cursor from another epoch (a wiped or different hub) or beyond the newest seq (a hub restored
 * from an older backup) cannot be trusted to resume from: the client must resync, i.e. pull again
 * from the start.
 */
export async function pullPage(
  source: { db: HubDb; cache: OpCache | null; read: <T>(work: () => Promise<T>) => Promise<T> },
  epoch: string,
  viewer: Viewer,
  query: PageQuery,
  newestSeq: number,
  now: number,
): Promise<{ json: Buffer; count: number; fromMemory: boolean }> {
  const after = query.after ? decodeCursor(query.after) : { epoch, seq: 0 };
  if (after.epoch !== epoch) throw new StudioError('resync_required', { reason: 'other_hub' });
  if (after.seq > newestSeq) throw new StudioError('resync_required', { reason: 'unknown_cursor' });

  const held = await source.cache?.page(query.community, after.seq, query.limit, newestSeq, source.read);
  const end = (last: number | null, hasMore: boolean) => {
    const rest: Omit<PullResponse, 'ops'> = { cursor: encodeCursor(epoch, last ?? after.seq), hasMore, hubTime: now };
    return `],${JSON.stringify(rest).slice(1)}`;
  };
  if (!held) {
    const page = await source.read(() => readPage(source.db, viewer, query, after.seq));
    return { json: Buffer.from(`${OPS_START}${page.ops}${end(page.last, page.hasMore)}`), count: page.count, fromMemory: false };
  }
  const shown = held.ops.filter(shownTo(viewer, query.after !== undefined));
  const pieces = [OPS_START_BYTES, ...joinedJson(shown), Buffer.from(end(held.last, held.hasMore))];
  return { json: Buffer.concat(pieces), count: shown.length, fromMemory: true };
}

/**
 * A page read from the database. Each op is stored as the JSON it was checked as; the database itself
 * writes each one out as that text with its seq in front and joins the page, in one statement, so the
 * hub neither parses nor rebuilds an op, nor handles one row per op (for a page of 1,000 ops, most of
 * the work).
 */
async function readPage(db: HubDb, viewer: Viewer, query: PageQuery, after: number) {
  const notPushedHere = query.after === undefined ? sql`1 = 1` : sql`(pushed_by IS NULL OR pushed_by <> ${viewer.tokenHash})`;
  const shown = sql`${visibleTo(viewer.role, viewer.userId)} AND ${notPushedHere}`;
  // The page and one op past it (is there more?), numbered, in one pass along the index: no second
  // probe whose bound the planner cannot see, which it may answer with a scan of the whole log.
  const inPage = sql`n <= ${query.limit}`;
  const { rows } = await sql<{ last: number | null; ops: string | null; shown: number; has_more: unknown }>`
    WITH page AS (
      SELECT seq, entity, author_id, op, pushed_by, row_number() OVER (ORDER BY seq) AS n FROM ops
      WHERE community_id = ${query.community} AND seq > ${after} ORDER BY seq LIMIT ${query.limit + 1}
    )
    SELECT max(CASE WHEN ${inPage} THEN seq END) AS last,
      string_agg(CASE WHEN ${inPage} AND ${shown} THEN ${pageText(db)} END, ',' ORDER BY seq) AS ops,
      count(CASE WHEN ${inPage} AND ${shown} THEN 1 END) AS shown,
      count(*) > ${query.limit} AS has_more
    FROM page`.execute(db);
  const { last, ops, shown: count, has_more } = rows[0]!;
  return { ops: ops ?? '', count: Number(count), last: last === null ? null : Number(last), hasMore: Boolean(has_more) };
}
