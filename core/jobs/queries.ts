import type { Job, JobKind } from '../../common/schemas/job';
import type { Db } from '../db/open';

interface JobRow {
  id: string;
  kind: JobKind;
  lesson_id: string | null;
  status: Job['status'];
  progress: number;
  params: string;
  error_code: string | null;
  error_detail: string | null;
  attempts: number;
  created_at: number;
  updated_at: number;
}

export interface StoredJob extends Job {
  params: Record<string, unknown>;
}

/** A job as the contract shows it: its params are the core's own business. */
export function publicJob({ params: _params, ...job }: StoredJob): Job {
  return job;
}

function fromRow(r: JobRow): StoredJob {
  return {
    id: r.id,
    kind: r.kind,
    lessonId: r.lesson_id,
    status: r.status,
    progress: r.progress,
    errorCode: r.error_code,
    errorDetail: r.error_detail,
    attempts: r.attempts,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    params: JSON.parse(r.params) as Record<string, unknown>,
  };
}

export function insertJob(db: Db, job: { id: string; kind: JobKind; lessonId: string | null; params: object; now: number }): void {
  db.prepare(
    `INSERT INTO jobs (id, kind, lesson_id, status, progress, params, created_at, updated_at)
     VALUES (?, ?, ?, 'queued', 0, ?, ?, ?)`,
  ).run(job.id, job.kind, job.lessonId, JSON.stringify(job.params), job.now, job.now);
}

export function getJob(db: Db, id: string): StoredJob | undefined {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row && fromRow(row);
}

export function listJobs(db: Db, lessonId?: string): StoredJob[] {
  const rows = lessonId
    ? db.prepare('SELECT * FROM jobs WHERE lesson_id = ? ORDER BY created_at, id').all(lessonId)
    : db
        .prepare(`SELECT * FROM jobs WHERE status IN ('queued','running','failed') OR updated_at > ? ORDER BY created_at, id`)
        .all(Date.now() - 60_000);
  return (rows as JobRow[]).map(fromRow);
}

export function queuedJobs(db: Db): StoredJob[] {
  return (db.prepare(`SELECT * FROM jobs WHERE status = 'queued' ORDER BY created_at, id`).all() as JobRow[]).map(fromRow);
}

export function setJobState(
  db: Db,
  id: string,
  state: {
    status: Job['status'];
    progress?: number;
    errorCode?: string | null;
    errorDetail?: string | null;
    attemptsDelta?: number;
    now: number;
  },
): void {
  db.prepare(
    `UPDATE jobs SET status = ?, progress = COALESCE(?, progress), error_code = ?, error_detail = ?,
       attempts = attempts + ?, updated_at = ? WHERE id = ?`,
  ).run(state.status, state.progress ?? null, state.errorCode ?? null, state.errorDetail ?? null, state.attemptsDelta ?? 0, state.now, id);
}

export function setJobProgress(db: Db, id: string, progress: number, now: number): void {
  db.prepare('UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?').run(progress, now, id);
}

/** After a restart nothing is running: jobs that were cut off go back to the queue and resume. */
export function requeueInterrupted(db: Db, now: number): number {
  return db.prepare(`UPDATE jobs SET status = 'queued', updated_at = ? WHERE status = 'running'`).run(now).changes;
}
