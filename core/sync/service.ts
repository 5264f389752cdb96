import fs from 'node:fs/promises';
import type { CoreContext } from '../app/context';
import type { SecretStore } from '../secrets/secret-store';
import { TransferQueue } from '../transfers/queue';
import { SyncEngine } from './engine';
import { forgetAllCommunities } from './forget';
import { HubSession } from './session';

export interface SyncOptions {
  /** Bytes per upload chunk (one tus PATCH); DEFAULT_CHUNK_BYTES unless set. */
  chunkBytes?: number;
  debounceMs?: number;
  pollMs?: number;
}

/**
 * A few MB per tus PATCH: each request costs the hub a fixed few milliseconds, so 8 MB keeps that
 * under a tenth of an upload's time on a fast link, while a request cut short still keeps what
 * arrived (the hub writes as it receives, and the studio resumes from the hub's offset).
 */
export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;

const DEFAULTS = { chunkBytes: DEFAULT_CHUNK_BYTES, debounceMs: 1500, pollMs: 5 * 60_000 };

/**
 * The studio's side of the community hub: the session, the sync engine and the transfer queue. The
 * contract calls that reach them are in core/sync/calls.ts.
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
    // The queue and the engine tell each other things; the queue's callbacks reach the engine only once both exist.
    this.transfers = new TransferQueue({
      ctx,
      session: this.session,
      chunkBytes: o.chunkBytes,
      onReachability: (online) => this.engine.reachability(online),
      onSessionExpired: () => void this.engine.sessionExpired(),
      onLessonUploaded: () => this.engine.request(0),
      onChange: () => this.engine.emitState(),
    });
    this.engine = new SyncEngine({ ctx, session: this.session, transfers: this.transfers, debounceMs: o.debounceMs, pollMs: o.pollMs });
  }

  static async create(ctx: Omit<CoreContext, 'jobs'>, secrets: SecretStore, options: SyncOptions = {}): Promise<SyncService> {
    const service = new SyncService(ctx, secrets, options);
    await service.session.load();
    return service;
  }

  start(): void {
    this.ctx.events.on('outbox.written', () => this.engine.changed());
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
  async settleRemoved(removed: string[], touched: string[] = []): Promise<void> {
    await this.transfers.abortLessons(new Set(removed));
    for (const id of removed) await fs.rm(this.ctx.paths.lessonDir(id), { recursive: true, force: true });
    const lessonIds = [...new Set([...removed, ...touched])];
    if (lessonIds.length > 0) this.ctx.bus.emit('library.changed', { lessonIds });
  }

  /** Clears what the previous account left behind, then syncs as the new one. */
  async afterSignIn(): Promise<void> {
    const { removed, touched } = this.leftBehind;
    this.leftBehind = { removed: [], touched: [] };
    await this.settleRemoved(removed, touched);
    this.engine.signedIn();
  }
}
