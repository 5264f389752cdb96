import fs from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import type { CallName, StudioApi } from '../../common/contract';
import type { CoreContext } from '../app/context';
import type { SecretStore } from '../secrets/secret-store';
import { TransferQueue } from '../transfers/queue';
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
import { SyncEngine } from './engine';
import { forgetAllCommunities, forgetCommunity } from './forget';
import { createInvite, listInvites, revokeInvite } from './invites';
import { onOutboxWrite } from './outbox';
import { getRecord, isLive } from './records';
import { queueLessonMedia } from './remote-lessons';
import { shareDetails, shareLesson, unshareLesson } from './sharing';
import { HubSession } from './session';
import { getShare } from './shares';

export interface SyncOptions {
  /** Bytes per upload chunk (one tus PATCH); DEFAULT_CHUNK_BYTES unless set. */
  chunkBytes?: number;
  debounceMs?: number;
  pollMs?: number;
}

export type SyncCallName = Extract<
  CallName,
  `${'hub' | 'communities' | 'members' | 'invites' | 'sharing' | 'sync' | 'transfers'}.${string}`
>;
export type SyncApi = Pick<StudioApi, SyncCallName>;

/**
 * A few MB per tus PATCH: each request costs the hub a fixed few milliseconds, so 8 MB keeps that
 * under a tenth of an upload's time on a fast link, while a request cut short still keeps what
 * arrived (the hub writes as it receives, and the studio resumes from the hub's offset).
 */
export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;

const DEFAULTS = { chunkBytes: DEFAULT_CHUNK_BYTES, debounceMs: 1500, pollMs: 5 * 60_000 };

/**
 * The studio's side of the community hub: the session, the sync engine and the transfer queue, and
 * the contract calls that reach them.
 */
export class SyncService {
  readonly session: HubSession;
  readonly engine: SyncEngine;
  readonly transfers: TransferQueue;
  private readonly ctx: Omit<CoreContext, 'jobs'>;
  private leftBehind = { removed: [] as string[], touched: [] as string[] };

  private constructor(ctx: Omit<CoreContext, 'jobs'>, secrets: SecretStore, options: SyncOptions) {
    const o = { ...DEFAULTS, ...options };
    this.ctx = ctx;
    this.session = new HubSession(ctx.db, secrets, () => this.forgetPreviousAccount());
    this.engine = new SyncEngine({ ctx, session: this.session, debounceMs: o.debounceMs, pollMs: o.pollMs });
    this.transfers = new TransferQueue({
      ctx,
      session: this.session,
      chunkBytes: o.chunkBytes,
      onReachability: (online) => this.engine.reachability(online),
      onSessionExpired: () => void this.engine.sessionExpired(),
      onLessonUploaded: () => this.engine.request(0),
      onChange: () => this.engine.emitState(),
    });
    this.engine.transfers = this.transfers;
  }

  static async create(ctx: Omit<CoreContext, 'jobs'>, secrets: SecretStore, options: SyncOptions = {}): Promise<SyncService> {
    const service = new SyncService(ctx, secrets, options);
    await service.session.load();
    return service;
  }

  start(): void {
    onOutboxWrite(this.ctx.db, () => this.engine.changed());
    this.transfers.start();
    this.engine.start();
  }

  async stop(): Promise<void> {
    await this.engine.stop();
    await this.transfers.stop();
  }

  private forgetPreviousAccount(): void {
    const { removed, touched } = forgetAllCommunities(this.ctx.db);
    this.leftBehind.removed.push(...removed);
    this.leftBehind.touched.push(...touched);
  }

  /** Removes the media of lessons that left the library and tells the UI. */
  private async settleRemoved(removed: string[], touched: string[] = []): Promise<void> {
    await this.transfers.abortLessons(new Set(removed));
    for (const id of removed) await fs.rm(this.ctx.paths.lessonDir(id), { recursive: true, force: true });
    const lessonIds = [...new Set([...removed, ...touched])];
    if (lessonIds.length > 0) this.ctx.bus.emit('library.changed', { lessonIds });
  }

  private async afterSignIn(): Promise<void> {
    const { removed, touched } = this.leftBehind;
    this.leftBehind = { removed: [], touched: [] };
    await this.settleRemoved(removed, touched);
    this.engine.signedIn();
  }

  private me(): string {
    const account = readAccount(this.ctx.db);
    if (!account) throw new StudioError('unauthorized');
    return account.userId;
  }

  api(): SyncApi {
    const { db } = this.ctx;
    const now = () => this.ctx.now();
    const client = () => this.session.requireClient();
    const ok = { ok: true } as const;
    const leave = async (communityId: string) => {
      await client().call('removeMember', { params: { communityId, userId: this.me() } });
      const { removed, touched } = forgetCommunity(db, communityId);
      await this.settleRemoved(removed, touched);
    };
    return {
      'hub.status': async () => this.session.status(),
      'hub.signUp': async ({ hubUrl, ...request }) => {
        const status = await this.session.signUp(hubUrl, request);
        await this.afterSignIn();
        return status;
      },
      'hub.signIn': async ({ hubUrl, email, password }) => {
        const status = await this.session.signIn(hubUrl, email, password);
        await this.afterSignIn();
        return status;
      },
      'hub.signOut': async ({ everywhere }) => {
        const status = await this.session.signOut(everywhere);
        this.engine.signedOut();
        return status;
      },

      'communities.list': async () => listCommunities(db, this.session, now()),
      'communities.create': async (input) => {
        const community = await createCommunity(db, client(), input, now());
        this.engine.request(0);
        return community;
      },
      'communities.get': async ({ communityId }) => requireCommunity(db, communityId),
      'communities.lessons': async ({ communityId }) => {
        requireCommunity(db, communityId);
        return communityLessons(db, communityId);
      },
      'communities.leave': async ({ communityId }) => {
        await leave(communityId);
        return ok;
      },

      'members.list': async ({ communityId }) => membersOf(db, this.session, communityId, now()),
      'members.changeRole': async (args) => changeRole(db, client(), args, now()),
      'members.remove': async (args) => {
        if (args.userId !== this.me()) return removeMember(db, client(), args, now());
        await leave(args.communityId);
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
        this.engine.request(0);
        return community;
      },

      'sharing.share': async (args) => {
        const details = await shareLesson(this.ctx, args);
        this.transfers.pump();
        return details;
      },
      'sharing.unshare': async ({ lessonId }) => {
        await this.transfers.abortLessons(new Set([lessonId]));
        await unshareLesson(this.ctx, lessonId);
        return ok;
      },
      'sharing.get': async ({ lessonId }) => shareDetails(this.ctx, lessonId),

      'sync.status': async () => this.engine.state(),
      'sync.now': async () => {
        await this.engine.runNow();
        return this.engine.state();
      },
      'sync.connection': async ({ online, metered }) => {
        this.engine.connection(online, metered);
        return ok;
      },

      'transfers.list': async () => this.transfers.list(),
      'transfers.pause': async ({ id }) => {
        this.transfers.pause(id);
        return ok;
      },
      'transfers.resume': async ({ id }) => {
        this.transfers.resume(id);
        return ok;
      },
      'transfers.download': async ({ lessonId }) => {
        const record = getRecord(db, 'lesson', lessonId);
        if (getShare(db, lessonId)?.origin !== 'hub' || !isLive(record))
          throw new StudioError('not_found', { entity: 'share', id: lessonId });
        db.transaction(() => queueLessonMedia(db, record, now()))();
        this.transfers.pump();
        this.ctx.bus.emit('library.changed', { lessonIds: [lessonId] });
        return ok;
      },
    };
  }
}
