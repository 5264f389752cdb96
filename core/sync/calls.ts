import { StudioError } from '../../common/errors';
import type { CoreContext } from '../app/context';
import { ok, type CallsOf } from '../app/calls';
import { readAccount } from './account';
import {
  requireCommunity,
  changeRole,
  communityLessons,
  createCommunity,
  joinCommunity,
  listCommunities,
  membersOf,
  previewInvite,
  removeMember,
} from './communities';
import { forgetCommunity } from './forget';
import { createInvite, listInvites, revokeInvite } from './invites';
import { getRecord, isLive } from './records';
import { queueLessonMedia } from './remote-lessons';
import type { SyncService } from './service';
import { shareDetails, shareLesson, unshareLesson } from './sharing';
import { getShare } from './shares';

/** The prefixes of the calls that reach the community hub, all answered here. */
export type SyncCallPrefix = 'hub' | 'communities' | 'members' | 'invites' | 'sharing' | 'sync' | 'transfers';

type SyncCtx = Omit<CoreContext, 'jobs'>;

/** The community hub's calls: the session, communities and members, invites, shares, sync and media transfers. */
export function syncCalls(ctx: SyncCtx, sync: SyncService): CallsOf<SyncCallPrefix> {
  return { ...hubCalls(sync), ...communityCalls(ctx, sync), ...sharingCalls(ctx, sync), ...syncAndTransferCalls(ctx, sync) };
}

/** The signed-in person's hub user id. */
function me(ctx: SyncCtx): string {
  const account = readAccount(ctx.db);
  if (!account) throw new StudioError('unauthorized');
  return account.userId;
}

/** Leaves a community on the hub and forgets it here. */
async function leave(ctx: SyncCtx, sync: SyncService, communityId: string): Promise<void> {
  await sync.session.requireClient().call('removeMember', { params: { communityId, userId: me(ctx) } });
  const { removed, touched } = forgetCommunity(ctx.db, communityId);
  await sync.settleRemoved(removed, touched);
}

function hubCalls(sync: SyncService): CallsOf<'hub'> {
  const { session, engine } = sync;
  return {
    'hub.status': async () => session.status(),
    'hub.signUp': async ({ hubUrl, ...request }) => {
      const status = await session.signUp(hubUrl, request);
      await sync.afterSignIn();
      return status;
    },
    'hub.signIn': async ({ hubUrl, email, password }) => {
      const status = await session.signIn(hubUrl, email, password);
      await sync.afterSignIn();
      return status;
    },
    'hub.signOut': async ({ everywhere }) => {
      const status = await session.signOut(everywhere);
      engine.signedOut();
      return status;
    },
  };
}

function communityCalls(ctx: SyncCtx, sync: SyncService): CallsOf<'communities' | 'members' | 'invites'> {
  const { db } = ctx;
  const { session, engine } = sync;
  const now = () => ctx.now();
  const client = () => session.requireClient();
  return {
    'communities.list': async () => listCommunities(db, session, now()),
    'communities.create': async (input) => {
      const community = await createCommunity(db, client(), input, now());
      engine.request(0);
      return community;
    },
    'communities.get': async ({ communityId }) => requireCommunity(db, communityId),
    'communities.lessons': async ({ communityId }) => {
      requireCommunity(db, communityId);
      return communityLessons(db, communityId);
    },
    'communities.leave': async ({ communityId }) => {
      await leave(ctx, sync, communityId);
      return ok;
    },

    'members.list': async ({ communityId }) => membersOf(db, session, communityId, now()),
    'members.changeRole': async (args) => changeRole(db, client(), args, now()),
    'members.remove': async (args) => {
      if (args.userId !== me(ctx)) return removeMember(db, client(), args, now());
      await leave(ctx, sync, args.communityId);
      return { members: [], syncedAt: now() };
    },

    'invites.create': async (args) => createInvite(db, client(), args),
    'invites.list': async ({ communityId }) => listInvites(db, client(), communityId, now()),
    'invites.revoke': async (args) => {
      await revokeInvite(db, client(), args);
      return ok;
    },
    'invites.preview': async ({ codeOrLink }) => previewInvite(db, client(), codeOrLink),
    'invites.join': async ({ codeOrLink }) => {
      const community = await joinCommunity(db, client(), codeOrLink, now());
      engine.request(0);
      return community;
    },
  };
}

function sharingCalls(ctx: SyncCtx, { transfers }: SyncService): CallsOf<'sharing'> {
  return {
    'sharing.share': async (args) => {
      const details = await shareLesson(ctx, args);
      transfers.pump();
      return details;
    },
    'sharing.unshare': async ({ lessonId }) => {
      await transfers.abortLessons(new Set([lessonId]));
      await unshareLesson(ctx, lessonId);
      return ok;
    },
    'sharing.get': async ({ lessonId }) => shareDetails(ctx, lessonId),
  };
}

function syncAndTransferCalls(ctx: SyncCtx, { engine, transfers }: SyncService): CallsOf<'sync' | 'transfers'> {
  const { db } = ctx;
  return {
    'sync.status': async () => engine.state(),
    'sync.now': async () => {
      await engine.runNow();
      return engine.state();
    },
    'sync.connection': async ({ online, metered }) => {
      engine.connection(online, metered);
      return ok;
    },

    'transfers.list': async () => transfers.list(),
    'transfers.pause': async ({ id }) => {
      transfers.pause(id);
      return ok;
    },
    'transfers.resume': async ({ id }) => {
      transfers.resume(id);
      return ok;
    },
    'transfers.download': async ({ lessonId }) => {
      const record = getRecord(db, 'lesson', lessonId);
      if (getShare(db, lessonId)?.origin !== 'hub' || !isLive(record))
        throw new StudioError('not_found', { entity: 'share', id: lessonId });
      db.transaction(() => queueLessonMedia(db, record, ctx.now()))();
      transfers.pump();
      ctx.bus.emit('library.changed', { lessonIds: [lessonId] });
      return ok;
    },
  };
}
