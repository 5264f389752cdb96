import os from 'node:os';
import { StudioError, toErrorPayload } from '../../common/errors';
import type { Job, JobKind } from '../../common/schemas/job';
import type { EventBus } from '../app/events';
import { newId } from '../app/ids';
import type { Logger } from '../app/logger';
import type { Db } from '../db/open';
import { getJob, insertJob, listJobs, queuedJobs, requeueInterrupted, setJobProgress, setJobState, type StoredJob } from './queries';

export interface JobContext {
  job: StoredJob;
  signal: AbortSignal;
  progress(fraction: number): void;
}
export type JobHandler = (ctx: JobContext) => Promise<void>;

/** Jobs that keep a core busy for minutes; one slot is always left for the quick ones (posters). */
const heavyKinds = new Set<JobKind>(['proxy', 'playable', 'clip', 'talk', 'blur_detect', 'blur_render']);
/** Lower runs first: what makes a lesson playable comes before what makes it nicer; a person waits on packages. */
const priority: Record<JobKind, number> = {
  remux: 0,
  poster: 0,
  playable: 1,
  peaks: 2,
  sprite: 2,
  clip: 3,
  proxy: 4,
  package_import: 1,
  package_export: 3,
  web_export: 3,
  // Last: the analysis waits for the lesson's media, and recording and playback never wait for it.
  talk: 5,
  // The teacher asked for these and is waiting to review or share: before the analysis, after what makes a lesson playable.
  blur_detect: 3,
  blur_render: 3,
  // A box the teacher just drew follows its face on small grey frames: quick, and the teacher is watching.
  blur_follow: 2,
};

const PROGRESS_EVENT_MS = 200;

export interface JobQueueOptions {
  db: Db;
  bus: EventBus;
  logger: Logger;
  /** Made on the first job run: handlers need the core's context, which holds this queue. */
  handlers: () => Record<JobKind, JobHandler>;
  /** Called after a job reaches done, failed or cancelled (lesson status follows its jobs). */
  onSettled?: (job: StoredJob) => void;
  /** A job that must wait while these other queued or running jobs exist (for example, extras wait for playability). */
  waitsFor?: (job: StoredJob, active: StoredJob[]) => boolean;
  concurrency?: number;
  now?: () => number;
}

export class JobQueue {
  private readonly running = new Map<string, { controller: AbortController; job: StoredJob; cancelled: boolean }>();
  private readonly concurrency: number;
  private readonly now: () => number;
  private idleWaiters: Array<() => void> = [];
  private stopped = true;
  private handlers: Record<JobKind, JobHandler> | undefined;

  constructor(private readonly o: JobQueueOptions) {
    this.concurrency = o.concurrency ?? Math.max(2, Math.floor(os.availableParallelism() / 2));
    this.now = o.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    const resumed = requeueInterrupted(this.o.db, this.now());
    if (resumed) this.o.logger.info('jobs resumed after restart', { count: resumed });
    this.pump();
  }

  /** Stops taking jobs and interrupts running ones without marking them: they resume on next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    const pending = [...this.running.values()];
    for (const r of pending) r.controller.abort();
    await new Promise<void>((resolve) => {
      const check = () => (this.running.size === 0 ? resolve() : setTimeout(check, 10));
      check();
    });
  }

  enqueue(kind: JobKind, lessonId: string | null, params: object = {}): StoredJob {
    const id = newId();
    insertJob(this.o.db, { id, kind, lessonId, params, now: this.now() });
    const job = getJob(this.o.db, id)!;
    this.emit(job);
    queueMicrotask(() => this.pump());
    return job;
  }

  list(lessonId?: string): StoredJob[] {
    return listJobs(this.o.db, lessonId);
  }

  get(id: string): StoredJob {
    const job = getJob(this.o.db, id);
    if (!job) throw new StudioError('job_not_found', { id });
    return job;
  }

  cancel(id: string): StoredJob {
    const job = this.get(id);
    const run = this.running.get(id);
    if (run) {
      run.cancelled = true;
      run.controller.abort();
    } else if (job.status === 'queued') {
      this.settle(job, { status: 'cancelled', errorCode: 'media_cancelled' });
    }
    return this.get(id);
  }

  retry(id: string): StoredJob {
    const job = this.get(id);
    if (job.status !== 'failed' && job.status !== 'cancelled') throw new StudioError('conflict', { status: job.status });
    setJobState(this.o.db, id, { status: 'queued', progress: 0, now: this.now() });
    const queued = this.get(id);
    this.emit(queued);
    this.o.onSettled?.(queued);
    this.pump();
    return queued;
  }

  /** Resolves once nothing is queued or running (tests and benchmarks wait on it). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.running.size === 0 && (this.stopped || queuedJobs(this.o.db).length === 0);
  }

  private pump(): void {
    if (this.stopped) return;
    const runningJobs = [...this.running.values()].map((r) => r.job);
    let slots = this.concurrency - this.running.size;
    let heavySlots = this.concurrency - 1 - runningJobs.filter((j) => heavyKinds.has(j.kind)).length;
    const queued = queuedJobs(this.o.db);
    const active = [...runningJobs, ...queued];
    const candidates = queued.sort((a, b) => priority[a.kind] - priority[b.kind] || a.createdAt - b.createdAt);
    for (const job of candidates) {
      if (slots <= 0) break;
      if (this.o.waitsFor?.(job, active)) continue;
      if (heavyKinds.has(job.kind)) {
        if (heavySlots <= 0) continue;
        heavySlots--;
      }
      slots--;
      void this.run(job);
    }
    if (this.isIdle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private async run(job: StoredJob): Promise<void> {
    const controller = new AbortController();
    const entry = { controller, job, cancelled: false };
    this.running.set(job.id, entry);
    setJobState(this.o.db, job.id, { status: 'running', progress: 0, attemptsDelta: 1, now: this.now() });
    this.emit(this.get(job.id));
    let lastEmit = 0;
    const progress = (fraction: number) => {
      const t = this.now();
      if (t - lastEmit < PROGRESS_EVENT_MS) return;
      lastEmit = t;
      setJobProgress(this.o.db, job.id, Math.min(1, Math.max(0, fraction)), t);
      const current = getJob(this.o.db, job.id);
      if (current) this.emit(current);
    };
    try {
      this.handlers ??= this.o.handlers();
      await this.handlers[job.kind]({ job, signal: controller.signal, progress });
      this.running.delete(job.id);
      this.settle(job, { status: 'done', progress: 1 });
    } catch (err) {
      this.running.delete(job.id);
      if (this.stopped && !entry.cancelled) {
        // Interrupted by shutdown: leave it running in the table so the next start resumes it.
      } else if (entry.cancelled) {
        this.settle(job, { status: 'cancelled', errorCode: 'media_cancelled' });
      } else {
        const payload = toErrorPayload(err);
        this.o.logger.warn('job failed', { id: job.id, kind: job.kind, code: payload.code, detail: payload.message });
        this.settle(job, { status: 'failed', errorCode: payload.code, errorDetail: String(payload.params.detail ?? payload.message) });
      }
    }
    this.pump();
  }

  private settle(job: StoredJob, state: { status: Job['status']; progress?: number; errorCode?: string; errorDetail?: string }): void {
    setJobState(this.o.db, job.id, { ...state, now: this.now() });
    // The lesson (and with it the job) may have been deleted while the job ran.
    const settled = getJob(this.o.db, job.id);
    if (!settled) return;
    this.emit(settled);
    this.o.onSettled?.(settled);
  }

  private emit(job: StoredJob): void {
    const { params: _params, ...payload } = job;
    this.o.bus.emit('jobs.progress', payload);
  }
}
