import { StudioError } from '../../common/errors';
import type { CallArgs, CallOutput } from '../../common/contract';
import { parseInviteLink } from '../../common/hub-api';
import type { LocalCommunity, SharedLesson } from '../../common/schemas/community';
import type { Db } from '../db/open';
import type { HubClient } from '../hub/client';
import { readAccount } from './account';
import { cachedCommunities, cachedCommunity, cachedMembers, replaceMembers, saveCommunity } from './community-cache';
import type { HubSession } from './session';

/**
 * Communities, members and invites: decided by the hub alone (memberships are never merged), so these
 * calls go to it directly. What they return is cached, and the reading calls answer from the cache
 * when the hub cannot be reached.
 */

function isUnreachable(err: unknown): boolean {
  return err instanceof StudioError && err.code === 'hub_unreachable';
}

export async function listCommunities(db: Db, session: HubSession, now: number): Promise<LocalCommunity[]> {
  if (session.signedIn()) {
    try {
      const { communities } = await session.requireClient().call('listCommunities');
      db.transaction(() => communities.forEach((c) => saveCommunity(db, c, now)))();
    } catch (err) {
      if (!isUnreachable(err)) throw err;
    }
  }
  return cachedCommunities(db);
}

export function requireCommunity(db: Db, id: string): LocalCommunity {
  const community = cachedCommunity(db, id);
  if (!community) throw new StudioError('not_found', { entity: 'community', id });
  return community;
}

export async function createCommunity(
  db: Db,
  client: HubClient,
  input: CallArgs<'communities.create'>,
  now: number,
): Promise<LocalCommunity> {
  const { community } = await client.call('createCommunity', { body: input });
  saveCommunity(db, community, now);
  await refreshMembers(db, client, community.id);
  return requireCommunity(db, community.id);
}

async function refreshMembers(db: Db, client: HubClient, communityId: string): Promise<void> {
  const { members } = await client.call('listMembers', { params: { communityId } });
  replaceMembers(db, communityId, members);
}

export async function membersOf(db: Db, session: HubSession, communityId: string, now: number): Promise<CallOutput<'members.list'>> {
  requireCommunity(db, communityId);
  let fresh = false;
  if (session.signedIn()) {
    try {
      await refreshMembers(db, session.requireClient(), communityId);
      fresh = true;
    } catch (err) {
      if (!isUnreachable(err)) throw err;
    }
  }
  const { refreshed_at: refreshedAt } = db.prepare('SELECT refreshed_at FROM communities WHERE id = ?').get(communityId) as {
    refreshed_at: number | null;
  };
  if (fresh) db.prepare('UPDATE communities SET refreshed_at = ? WHERE id = ?').run(now, communityId);
  return { members: cachedMembers(db, communityId), syncedAt: fresh ? now : refreshedAt };
}

export async function changeRole(
  db: Db,
  client: HubClient,
  args: CallArgs<'members.changeRole'>,
  now: number,
): Promise<CallOutput<'members.list'>> {
  await client.call('changeRole', { params: { communityId: args.communityId, userId: args.userId }, body: { role: args.role } });
  await refreshMembers(db, client, args.communityId);
  return { members: cachedMembers(db, args.communityId), syncedAt: now };
}

export async function removeMember(
  db: Db,
  client: HubClient,
  args: CallArgs<'members.remove'>,
  now: number,
): Promise<CallOutput<'members.list'>> {
  await client.call('removeMember', { params: { communityId: args.communityId, userId: args.userId } });
  await refreshMembers(db, client, args.communityId);
  return { members: cachedMembers(db, args.communityId), syncedAt: now };
}

/** An invite link names its hub; it must be the hub this device is signed in to. */
function inviteCode(db: Db, codeOrLink: string): string {
  const link = parseInviteLink(codeOrLink);
  if (!link) return codeOrLink;
  const account = readAccount(db);
  if (account && link.hubUrl.replace(/\/+$/, '') !== account.hubUrl)
    throw new StudioError('invite_invalid', { reason: 'other_hub', hubUrl: link.hubUrl });
  return link.code;
}

export async function previewInvite(db: Db, client: HubClient, codeOrLink: string): Promise<CallOutput<'invites.preview'>> {
  return client.call('previewInvite', { body: { code: inviteCode(db, codeOrLink) } });
}

export async function joinCommunity(db: Db, client: HubClient, codeOrLink: string, now: number): Promise<LocalCommunity> {
  const { community } = await client.call('joinWithInvite', { body: { code: inviteCode(db, codeOrLink) } });
  saveCommunity(db, community, now);
  await refreshMembers(db, client, community.id);
  return requireCommunity(db, community.id);
}

/** Lessons shared into a community, newest first, as far as this device has synced them. */
export function communityLessons(db: Db, communityId: string): SharedLesson[] {
  const me = readAccount(db)?.userId ?? '';
  const rows = db
    .prepare(
      `SELECT l.id, l.title, l.duration_ms, s.owner_id, s.shared_at,
         (SELECT a.id FROM media_assets a WHERE a.lesson_id = l.id AND a.kind = 'poster') AS poster_asset_id,
         coalesce(m.display_name, '') AS owner_name,
         coalesce(json_extract(r.fields, '$.country'), m.country) AS country,
         (SELECT t.state FROM transfers t WHERE t.lesson_id = l.id AND t.direction = 'download' AND t.role = 'media') AS download
       FROM lesson_shares s
       JOIN lessons l ON l.id = s.lesson_id
       LEFT JOIN community_members m ON m.community_id = s.community_id AND m.user_id = s.owner_id
       LEFT JOIN sync_records r ON r.entity = 'lesson' AND r.record_id = s.lesson_id
       WHERE s.community_id = ?
       ORDER BY s.shared_at DESC, l.id`,
    )
    .all(communityId) as Array<{
    id: string;
    title: string;
    duration_ms: number | null;
    owner_id: string;
    shared_at: number;
    poster_asset_id: string | null;
    owner_name: string;
    country: string | null;
    download: SharedLesson['download'];
  }>;
  return rows.map((r) => ({
    lessonId: r.id,
    title: r.title,
    durationMs: r.duration_ms,
    posterAssetId: r.poster_asset_id,
    ownerId: r.owner_id,
    ownerName: r.owner_name || (r.owner_id === me ? (readAccount(db)?.displayName ?? '') : ''),
    country: r.country,
    mine: r.owner_id === me,
    sharedAt: r.shared_at,
    download: r.download,
  }));
}
