import fs from 'node:fs/promises';
import { StudioError, toErrorPayload, type ErrorPayload } from '../../common/errors';
import type { HubEvent } from '../../common/hub-api';
import type { ClockSkew, SyncState } from '../../common/schemas/sync';
import { DEFAULT_MAX_DRIFT_MS } from '../../common/sync/hlc';
import type { CoreContext } from '../app/context';
import type { HubClient } from '../hub/client';
import { connectHubEvents } from '../hub/events-socket';
import type { TransferQueue } from '../transfers/queue';
import { newEffects, type ApplyEffects } from './projection';
import { clockSkewFrom, rewindFutureStamps } from './clock';
import { communityIds, readCursor } from './community-cache';
import { pendingCount } from './outbox';
import { conflictCount } from './ownership';
import { pullCommunity } from './pull';
import { pushOutbox } from './push';
import { refreshCommunities } from './refresh';
import type { HubSession } from './session';

export interface SyncEngineOptions {
  ctx: Omit<CoreContext, 'jobs'>;
  session: HubSession;
  transfers: TransferQueue;
  /** How long after a local change the engine waits, so a burst of edits travels in one push. */
  debounceMs: number;
  /** How often a connected device syncs anyway (share expiry, a missed notice). */
  pollMs: number;
}

const BACKOFF_MAX_MS = 60_000;
/** A wrong clock is usually put right by hand while the message shows: look again soon, it costs one small request. */
const CLOCK_RETRY_MS = 60_000;

/**
 * Runs sync cycles (check the hub and the clock, refresh communities and members, push the outbox,
 * pull every community, push what the pull produced) one at a time: on start, after local changes
 * (debounced), when the UI reports the network back, on the hub's WebSocket notice, on request, and
 * periodically. An unreachable hub is retried with exponential backoff; an expired session stops
 * everything until the person signs in again, with nothing lost.
 */
export class SyncEngine {
  private online = false;
  private syncing = false;
  private lastSyncedAt: number | null = null;
  private lastError: ErrorPayload | null = null;
  private rejected = 0;
  private nextRetryAt: number | null = null;
  private clockSkew: ClockSkew | null = null;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private chain: Promise<void> = Promise.resolve();
  private socket: { close(): void } | null = null;
  private stopped = false;
  private browserOnline = true;
  private lastEmitted = '';

  constructor(private readonly o: SyncEngineOptions) {}

  private get db() {
    return this.o.ctx.db;
  }

  start(): void {
    this.stopped = false;
    if (this.o.session.signedIn()) this.request(0);
    else this.emitState();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timerAt = Infinity;
    this.closeSocket();
    await this.chain;
  }

  /** Runs a cycle soon: `delayMs` from now, unless one is already due sooner. */
  request(delayMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timerAt = Infinity;
      void this.runNow();
    }, delayMs);
    this.timer.unref();
  }

  /** After a local change; changes within the debounce window travel together. */
  changed(): void {
    this.emitState();
    if (this.o.session.signedIn()) this.request(this.o.debounceMs);
  }

  /** Runs a cycle now (after the one in progress, if any) and resolves when it is done. */
  runNow(): Promise<void> {
    const next = this.chain.then(() => this.cycle());
    this.chain = next.catch(() => undefined);
    return next;
  }

  connection(online: boolean, metered: boolean | null): void {
    const regained = online && !this.browserOnline;
    this.browserOnline = online;
    this.o.transfers.setMetered(metered);
    if (regained) {
      this.attempt = 0;
      this.request(0);
    }
    this.emitState();
  }

  /** A transfer reached the hub or failed to: the indicator follows. */
  reachability(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    if (!online) this.retryLater();
    this.emitState();
  }

  async sessionExpired(): Promise<void> {
    this.closeSocket();
    // The error is in place before anything waits, so a state read meanwhile already tells the person why.
    this.lastError = toErrorPayload(new StudioError('session_expired'));
    await this.o.session.expire();
    if (!this.stopped) this.emitState();
  }

  /** The person signed in again: whatever waited for it goes now. */
  signedIn(): void {
    this.lastError = null;
    this.attempt = 0;
    this.request(0);
    this.o.transfers.pump();
  }

  signedOut(): void {
    clearTimeout(this.timer);
    this.timerAt = Infinity;
    this.closeSocket();
    this.online = false;
    this.lastError = null;
    this.nextRetryAt = null;
    this.clockSkew = null;
    this.emitState();
  }

  state(): SyncState {
    const { active, waiting } = this.o.transfers.counts();
    return {
      signedIn: this.o.session.signedIn(),
      sessionExpired: this.o.session.status().sessionExpired,
      online: this.online,
      syncing: this.syncing,
      pendingChanges: pendingCount(this.db),
      transfersActive: active,
      transfersWaiting: waiting,
      lastSyncedAt: this.lastSyncedAt,
      lastError: this.lastError,
      rejectedChanges: this.rejected,
      refusedRecords: conflictCount(this.db),
      nextRetryAt: this.nextRetryAt,
      clockSkew: this.clockSkew,
    };
  }

  emitState(): void {
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.o.ctx.bus.emit('sync.state', state);
  }

  private async cycle(): Promise<void> {
    const { session, ctx } = this.o;
    const client = session.signedIn() ? session.client() : null;
    if (!client || this.stopped) return;
    this.syncing = true;
    this.emitState();
    const effects = newEffects();
    try {
      await this.checkClock(client);
      await refreshCommunities(this.db, client, effects, ctx.now);
      this.rejected += (await pushOutbox(ctx, client)).rejected;
      for (const id of communityIds(this.db)) await pullCommunity(ctx, client, id, effects);
      // Ops the pull wrote (records resent after a resync) or the person made meanwhile.
      if (pendingCount(this.db) > 0) this.rejected += (await pushOutbox(ctx, client)).rejected;
      this.online = true;
      this.lastSyncedAt = ctx.now();
      this.lastError = null;
      this.attempt = 0;
      this.nextRetryAt = null;
      this.ensureSocket(client);
      this.request(this.o.pollMs);
    } catch (err) {
      await this.failed(err);
    } finally {
      await this.settle(effects);
      this.syncing = false;
      this.o.transfers.pump();
      this.emitState();
    }
  }

  private async failed(err: unknown): Promise<void> {
    const payload = toErrorPayload(err);
    if (payload.code === 'session_expired' || payload.code === 'unauthorized') {
      await this.sessionExpired();
      return;
    }
    this.lastError = payload;
    if (payload.code === 'hub_unreachable') {
      this.online = false;
      this.closeSocket();
      this.retryLater();
    } else if (payload.code === 'clock_skew') {
      this.request(CLOCK_RETRY_MS);
    } else {
      this.o.ctx.logger.warn('sync failed', { code: payload.code, params: payload.params });
      this.retryLater();
    }
  }

  private retryLater(): void {
    const delay = Math.min(BACKOFF_MAX_MS, 1000 * 2 ** this.attempt);
    this.attempt += 1;
    this.nextRetryAt = this.o.ctx.now() + delay;
    this.request(delay);
  }

  /**
   * Nothing goes out or comes in while this device's clock is off from the hub's by more than the
   * bound: its stamps would win (or lose) every conflict, and the hub would refuse them anyway. Once
   * the clock is right, stamps it made while it ran ahead are rewound before anything is pushed.
   */
  private async checkClock(client: HubClient): Promise<void> {
    const { now } = this.o.ctx;
    const sentAt = now();
    const { hubTime } = await client.call('health');
    // The hub answered: a wrong clock is not a lost connection, and the indicator should not say offline.
    this.online = true;
    this.clockSkew = clockSkewFrom((sentAt + now()) / 2, hubTime);
    if (this.clockSkew) throw new StudioError('clock_skew', { ...this.clockSkew, maxDriftMs: DEFAULT_MAX_DRIFT_MS });
    const rewound = this.db.transaction(() => rewindFutureStamps(this.db, now))();
    if (rewound > 0) this.o.ctx.logger.info('restamped changes made while the clock ran ahead', { stamps: rewound });
  }

  /** What follows applied ops: media folders of lessons that left, and one library notice. */
  private async settle(effects: ApplyEffects): Promise<void> {
    if (effects.removedLessons.size > 0) await this.o.transfers.abortLessons(effects.removedLessons);
    for (const id of effects.removedLessons) await fs.rm(this.o.ctx.paths.lessonDir(id), { recursive: true, force: true });
    const lessonIds = [...effects.lessonIds, ...effects.removedLessons];
    if (lessonIds.length > 0) this.o.ctx.bus.emit('library.changed', { lessonIds: [...new Set(lessonIds)] });
  }

  private ensureSocket(client: HubClient): void {
    const token = this.o.session.currentToken();
    if (this.socket || !token || this.stopped) return;
    this.socket = connectHubEvents({
      baseUrl: client.baseUrl,
      token,
      onEvent: (event) => this.onHubEvent(event),
      // What others pushed between the last pull and this socket opening sent a notice nobody heard.
      onOpen: () => this.request(0),
      onClose: (sessionEnded) => {
        this.socket = null;
        if (sessionEnded) void this.sessionExpired();
        // Whether the hub went away or the link dropped, the next cycle finds out and reconnects.
        else if (!this.stopped && this.o.session.signedIn()) this.request(1000);
      },
    });
  }

  private onHubEvent(event: HubEvent): void {
    const cursor = readCursor(this.db, event.community);
    const seen = cursor ? Number(cursor.slice(cursor.lastIndexOf('.') + 1)) : -1;
    if (seen < event.seq) this.request(50);
  }

  private closeSocket(): void {
    this.socket?.close();
    this.socket = null;
  }
}
