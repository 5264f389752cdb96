import path from 'node:path';
import { StudioError, type ErrorCode } from '../../common/errors';
import type { LessonFields } from '../../common/sync/entities';
import type { Transfer } from '../../common/schemas/sync';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { upsertAsset } from '../library/queries';
import { readSettings } from '../settings/settings';
import { getRecord } from '../sync/records';
import type { HubSession } from '../sync/session';
import { runDownload } from './download';
import {
  countTransfers,
  deferTransfer,
  getTransfer,
  listTransfers,
  nextQueued,
  requeueInterruptedTransfers,
  setTransferProgress,
  setTransferState,
  setUploadUrl,
  transferWithTitle,
  type Direction,
  type StoredTransfer,
} from './queries';
import { RateMeter } from './rate';
import { writeSpriteIndex } from './sprite-index';
import { Throttle } from './throttle';
import { runUpload } from './upload';

export interface TransferQueueOptions {
  ctx: Omit<CoreContext, 'jobs'>;
  session: HubSession;
  /** Bytes per tus PATCH: a few MB, the most a dropped connection makes us send twice. */
  chunkBytes: number;
  onReachability(online: boolean): void;
  onSessionExpired(): void;
  /** Every upload of a lesson has arrived: the ops waiting for them can go. */
  onLessonUploaded(lessonId: string): void;
  onChange(): void;
}

const MAX_ATTEMPTS = 6;
const PROGRESS_EVENT_MS = 250;
const PROGRESS_SAVE_MS = 1000;
/** A blob not on the hub yet (its upload has not finished) is asked for again after this long. */
const MISSING_BLOB_RETRY_MS = 30_000;
/** How long closing waits for aborted transfers to end. */
const STOP_WAIT_MS = 5000;
/** Failures another attempt cannot fix: the hub refused these bytes, or this person's right to send them. */
const permanent: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['hash_mismatch', 'payload_too_large', 'forbidden']);

/**
 * Why the queue aborted a running transfer, read back when its request ends: `stop`, the studio is
 * closing (the row stays running and resumes on the next start); `pause`, the person paused it (already
 * marked); `gone`, its lesson left the library (queued again if, after all, it stayed).
 */
type AbortReason = 'stop' | 'pause' | 'gone';
class TransferAborted extends Error {
  constructor(readonly reason: AbortReason) {
    super(reason);
  }
}

const backoffMs = (attempts: number) => Math.min(60_000, 1000 * 2 ** attempts);

const toTransfer = (t: StoredTransfer & { lessonTitle: string }): Transfer => ({
  id: t.id,
  direction: t.direction,
  lessonId: t.lessonId,
  lessonTitle: t.lessonTitle,
  role: t.role,
  sizeBytes: t.sizeBytes,
  doneBytes: t.doneBytes,
  state: t.state,
  errorCode: t.errorCode,
  updatedAt: t.updatedAt,
  bytesPerSecond: null,
  secondsLeft: null,
});

/**
 * Media travelling to and from the hub: one upload and one download at a time, small files first,
 * every state kept in the `transfers` table so a restart resumes where things stood. Pausing aborts
 * the request in flight (tus and Range pick up from what arrived); the bandwidth limit and the
 * "only on unmetered connections" setting apply to everything.
 */
export class TransferQueue {
  private readonly running = new Map<
    string,
    { controller: AbortController; direction: Direction; lessonId: string; ended: Promise<void> }
  >();
  private readonly lastEvent = new Map<string, number>();
  private readonly lastSave = new Map<string, number>();
  private readonly rates = new Map<string, RateMeter>();
  private metered: boolean | null = null;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires. */
  private wakeAt = Infinity;
  readonly throttle: Throttle;
  /** Bytes that went over the wire, resent ones included: what the resume tests and benchmark measure. */
  readonly wire = { sent: 0, received: 0 };

  constructor(private readonly o: TransferQueueOptions) {
    let rate = { at: -Infinity, value: 0 };
    this.throttle = new Throttle(() => {
      // The setting is read at most once a second, not for every 64 KB.
      const t = performance.now();
      if (t - rate.at > 1000) rate = { at: t, value: readSettings(o.ctx.db).transferLimitKBps * 1024 };
      return rate.value;
    });
  }

  private get db() {
    return this.o.ctx.db;
  }

  start(): void {
    this.stopped = false;
    requeueInterruptedTransfers(this.db, this.o.ctx.now());
    this.pump();
  }

  /** Drops the requests in flight the way a crash would: their rows stay `running` and resume on the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    const all = [...this.running.values()];
    for (const { controller } of all) controller.abort(new TransferAborted('stop'));
    await this.untilEnded(all);
  }

  /** Stops what is under way for lessons that just left the library, before their folders are removed. */
  async abortLessons(lessonIds: ReadonlySet<string>): Promise<void> {
    const gone = [...this.running.entries()].filter(([, r]) => lessonIds.has(r.lessonId));
    for (const [, r] of gone) r.controller.abort(new TransferAborted('gone'));
    await this.untilEnded(gone.map(([, r]) => r));
  }

  /**
   * Waits for aborted transfers to end, for at most STOP_WAIT_MS: a request that ignores its abort
   * must not hold the studio's closing. One left behind is, for the next start, like one a crash cut.
   */
  private async untilEnded(transfers: Array<{ ended: Promise<void> }>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), STOP_WAIT_MS);
    });
    const outcome = await Promise.race([Promise.all(transfers.map((t) => t.ended.catch(() => undefined))), late]);
    clearTimeout(timer);
    if (outcome === 'late') this.o.ctx.logger.warn('transfers did not stop in time', { count: transfers.length });
  }

  setMetered(metered: boolean | null): void {
    this.metered = metered;
    this.pump();
  }

  waitingForUnmetered(): boolean {
    return this.metered === true && readSettings(this.db).transferOnlyUnmetered;
  }

  counts(): { active: number; waiting: number } {
    const pending = countTransfers(this.db, ['queued', 'running']);
    return this.waitingForUnmetered()
      ? { active: this.running.size, waiting: pending - this.running.size }
      : { active: pending, waiting: 0 };
  }

  list(): Transfer[] {
    return listTransfers(this.db).map(toTransfer);
  }

  pause(id: string): void {
    const t = this.require(id);
    if (t.state === 'done') return;
    setTransferState(this.db, id, 'paused', this.o.ctx.now());
    this.running.get(id)?.controller.abort(new TransferAborted('pause'));
    this.emit(id);
  }

  resume(id: string): void {
    const t = this.require(id);
    if (t.state !== 'paused' && t.state !== 'failed') return;
    this.db
      .prepare(`UPDATE transfers SET state = 'queued', error_code = NULL, attempts = 0, retry_at = 0, updated_at = ? WHERE id = ?`)
      .run(this.o.ctx.now(), id);
    this.emit(id);
    this.pump();
  }

  private require(id: string): StoredTransfer {
    const t = getTransfer(this.db, id);
    if (!t) throw new StudioError('not_found', { entity: 'transfer', id });
    return t;
  }

  /** Starts what may start: nothing while signed out, held back on a metered connection if asked. */
  pump(): void {
    if (this.stopped || !this.o.session.signedIn() || this.waitingForUnmetered()) return;
    const busy = new Set([...this.running.values()].map((r) => r.direction));
    for (const direction of ['upload', 'download'] as const) {
      if (busy.has(direction)) continue;
      const next = nextQueued(this.db, direction, this.o.ctx.now());
      if (next) this.run(next);
    }
    this.o.onChange();
  }

  private run(t: StoredTransfer): void {
    const controller = new AbortController();
    setTransferState(this.db, t.id, 'running', this.o.ctx.now());
    const work = t.direction === 'upload' ? this.upload(t, controller.signal) : this.download(t, controller.signal);
    const ended = work
      .then(
        () => this.succeeded(t),
        (err: unknown) => this.failed(t, err, controller.signal),
      )
      .catch((err: unknown) => this.o.ctx.logger.error('transfer bookkeeping failed', { id: t.id, error: String(err) }))
      .finally(() => {
        this.running.delete(t.id);
        this.lastEvent.delete(t.id);
        this.lastSave.delete(t.id);
        this.rates.delete(t.id);
        this.pump();
      });
    this.running.set(t.id, { controller, direction: t.direction, lessonId: t.lessonId, ended });
    this.emit(t.id);
  }

  private async upload(t: StoredTransfer, signal: AbortSignal): Promise<void> {
    await runUpload({
      transfer: t,
      file: path.join(this.o.ctx.paths.media, t.relPath),
      filename: path.basename(t.relPath),
      client: this.o.session.requireClient(),
      chunkBytes: this.o.chunkBytes,
      throttle: this.throttle,
      signal,
      onUrl: (url) => setUploadUrl(this.db, t.id, url),
      onProgress: (sent, total) => this.progress(t.id, sent, total),
      onWire: (n) => (this.wire.sent += n),
    });
  }

  private async download(t: StoredTransfer, signal: AbortSignal): Promise<void> {
    const target = path.join(this.o.ctx.paths.media, t.relPath);
    const { mime, sums } = await runDownload({
      transfer: t,
      target,
      client: this.o.session.requireClient(),
      throttle: this.throttle,
      signal,
      onProgress: (done, total) => this.progress(t.id, done, total),
      onWire: (n) => (this.wire.received += n),
    });
    const { ctx } = this.o;
    const record = getRecord(this.db, 'lesson', t.lessonId);
    const fields = record?.fields as Partial<LessonFields> | undefined;
    // A blurred copy is the receiver's proxy: the faces under it never reach them.
    const kind = t.role === 'media' ? (fields?.mediaKind === 'proxy' || fields?.mediaKind === 'blurred' ? 'proxy' : 'original') : t.role;
    upsertAsset(this.db, { id: newId(), lessonId: t.lessonId, kind, relPath: t.relPath, mime, sizeBytes: sums.size, now: ctx.now(), sums });
    if (t.role === 'sprite') {
      const index = path.join(path.dirname(target), 'sprite.json');
      try {
        await writeSpriteIndex(ctx.requireTools(), target, index, fields?.durationMs ?? 0);
        upsertAsset(this.db, {
          id: newId(),
          lessonId: t.lessonId,
          kind: 'sprite_index',
          relPath: path.join(t.lessonId, 'sprite.json'),
          mime: 'application/json',
          sizeBytes: 0,
          now: ctx.now(),
        });
      } catch (err) {
        ctx.logger.warn('sprite index not rebuilt', { lessonId: t.lessonId, error: String(err) });
      }
    }
  }

  private succeeded(t: StoredTransfer): void {
    const size = getTransfer(this.db, t.id)?.sizeBytes || t.sizeBytes;
    this.db.transaction(() => {
      setTransferProgress(this.db, t.id, size, size);
      setTransferState(this.db, t.id, 'done', this.o.ctx.now());
    })();
    this.emit(t.id);
    this.o.onReachability(true);
    if (t.direction === 'download') {
      this.o.ctx.bus.emit('library.changed', { lessonIds: [t.lessonId] });
      return;
    }
    const waiting = this.db
      .prepare(`SELECT 1 FROM transfers WHERE lesson_id = ? AND direction = 'upload' AND state != 'done' LIMIT 1`)
      .get(t.lessonId);
    if (!waiting) this.o.onLessonUploaded(t.lessonId);
  }

  private failed(t: StoredTransfer, err: unknown, signal: AbortSignal): void {
    if (signal.aborted) {
      const reason = signal.reason instanceof TransferAborted ? signal.reason.reason : null;
      if (reason === 'gone' && getTransfer(this.db, t.id)?.state === 'running') setTransferState(this.db, t.id, 'queued', this.o.ctx.now());
      return;
    }
    if (!getTransfer(this.db, t.id)) return; // unshared or deleted meanwhile
    const code = err instanceof StudioError ? err.code : 'internal';
    const now = this.o.ctx.now();
    if (code === 'session_expired' || code === 'unauthorized') {
      setTransferState(this.db, t.id, 'queued', now);
      this.o.onSessionExpired();
    } else if (permanent.has(code) || (code !== 'hub_unreachable' && t.attempts + 1 >= MAX_ATTEMPTS)) {
      setTransferState(this.db, t.id, 'failed', now, code);
      this.o.ctx.logger.warn('transfer failed', { id: t.id, code });
    } else {
      const delay = code === 'not_found' ? MISSING_BLOB_RETRY_MS : backoffMs(t.attempts);
      deferTransfer(this.db, t.id, now + delay, code);
      if (code === 'hub_unreachable') this.o.onReachability(false);
      this.wake(delay);
    }
    this.emit(t.id);
  }

  /** Pumps again in `delayMs`, unless a pump is already due sooner. */
  private wake(delayMs: number): void {
    const at = Date.now() + delayMs;
    if (this.timer && at >= this.wakeAt) return;
    clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, delayMs + 10);
    this.timer.unref();
  }

  private progress(id: string, done: number, total: number): void {
    const t = performance.now();
    const rate = this.rates.get(id) ?? new RateMeter();
    this.rates.set(id, rate);
    rate.add(t, done);
    if (t - (this.lastSave.get(id) ?? 0) >= PROGRESS_SAVE_MS) {
      this.lastSave.set(id, t);
      setTransferProgress(this.db, id, done, total);
    }
    if (t - (this.lastEvent.get(id) ?? 0) >= PROGRESS_EVENT_MS) {
      this.lastEvent.set(id, t);
      const transfer = transferWithTitle(this.db, id);
      const bytesPerSecond = rate.bytesPerSecond();
      const secondsLeft = bytesPerSecond ? Math.max(0, total - done) / bytesPerSecond : null;
      if (transfer)
        this.o.ctx.bus.emit('transfers.progress', {
          ...toTransfer(transfer),
          doneBytes: done,
          sizeBytes: total,
          bytesPerSecond,
          secondsLeft,
        });
    }
  }

  private emit(id: string): void {
    const transfer = transferWithTitle(this.db, id);
    if (transfer) this.o.ctx.bus.emit('transfers.progress', toTransfer(transfer));
    this.o.onChange();
  }
}
