import type { Transfer } from '../../common/schemas/sync';
import type { TransferState } from '../../common/schemas/sharing';
import { newId } from '../app/ids';
import type { Db } from '../db/open';

export type TransferRole = Transfer['role'];
export type Direction = Transfer['direction'];

export interface NewTransfer {
  direction: Direction;
  communityId: string;
  lessonId: string;
  role: TransferRole;
  sha256: string;
  sizeBytes: number;
  mime: string;
  relPath: string;
}

/** A queued file as stored: what was asked for, and how far it has come. */
export interface StoredTransfer extends NewTransfer {
  id: string;
  uploadUrl: string | null;
  doneBytes: number;
  state: TransferState;
  errorCode: string | null;
  attempts: number;
  updatedAt: number;
}

interface Row {
  id: string;
  direction: Direction;
  community_id: string;
  lesson_id: string;
  role: TransferRole;
  sha256: string;
  size_bytes: number;
  mime: string;
  rel_path: string;
  upload_url: string | null;
  done_bytes: number;
  state: TransferState;
  error_code: string | null;
  attempts: number;
  updated_at: number;
}

const fromRow = (r: Row): StoredTransfer => ({
  id: r.id,
  direction: r.direction,
  communityId: r.community_id,
  lessonId: r.lesson_id,
  role: r.role,
  sha256: r.sha256,
  sizeBytes: r.size_bytes,
  mime: r.mime,
  relPath: r.rel_path,
  uploadUrl: r.upload_url,
  doneBytes: r.done_bytes,
  state: r.state,
  errorCode: r.error_code,
  attempts: r.attempts,
  updatedAt: r.updated_at,
});

/** Queues a transfer; the same file again changes nothing, a different one starts over. */
export function queueTransfer(db: Db, t: NewTransfer, now: number): void {
  db.prepare(
    `INSERT INTO transfers (id, direction, community_id, lesson_id, role, sha256, size_bytes, mime, rel_path, state, created_at, updated_at)
     VALUES (@id, @direction, @communityId, @lessonId, @role, @sha256, @sizeBytes, @mime, @relPath, 'queued', @now, @now)
     ON CONFLICT (direction, lesson_id, role) DO UPDATE SET
       community_id = excluded.community_id, sha256 = excluded.sha256, size_bytes = excluded.size_bytes, mime = excluded.mime,
       rel_path = excluded.rel_path, upload_url = NULL, done_bytes = 0, state = 'queued', error_code = NULL, attempts = 0, retry_at = 0,
       updated_at = excluded.updated_at
     WHERE transfers.sha256 != excluded.sha256 OR transfers.state = 'failed'`,
  ).run({ ...t, id: newId(), now });
}

export function getTransfer(db: Db, id: string): StoredTransfer | null {
  const row = db.prepare('SELECT * FROM transfers WHERE id = ?').get(id) as Row | undefined;
  return row ? fromRow(row) : null;
}

const withTitle = `SELECT t.*, l.title AS lesson_title FROM transfers t JOIN lessons l ON l.id = t.lesson_id`;

export function listTransfers(db: Db): Array<StoredTransfer & { lessonTitle: string }> {
  return (db.prepare(`${withTitle} ORDER BY t.state = 'done', t.created_at, t.id`).all() as Array<Row & { lesson_title: string }>).map(
    (r) => ({
      ...fromRow(r),
      lessonTitle: r.lesson_title,
    }),
  );
}

export function transferWithTitle(db: Db, id: string): (StoredTransfer & { lessonTitle: string }) | null {
  const row = db.prepare(`${withTitle} WHERE t.id = ?`).get(id) as (Row & { lesson_title: string }) | undefined;
  return row ? { ...fromRow(row), lessonTitle: row.lesson_title } : null;
}

/** The next transfer to start in one direction: small files first, so posters appear before videos. */
export function nextQueued(db: Db, direction: Direction, now: number): StoredTransfer | null {
  const row = db
    .prepare(
      `SELECT * FROM transfers WHERE direction = ? AND state = 'queued' AND retry_at <= ?
       ORDER BY role = 'media', created_at, id LIMIT 1`,
    )
    .get(direction, now) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function setTransferState(db: Db, id: string, state: TransferState, now: number, errorCode: string | null = null): void {
  db.prepare('UPDATE transfers SET state = ?, error_code = ?, updated_at = ? WHERE id = ?').run(state, errorCode, now, id);
}

/** A transfer to try again later: `retryAt` is when it may start again. */
export function deferTransfer(db: Db, id: string, retryAt: number, errorCode: string): void {
  db.prepare(`UPDATE transfers SET state = 'queued', error_code = ?, attempts = attempts + 1, retry_at = ? WHERE id = ?`).run(
    errorCode,
    retryAt,
    id,
  );
}

export function setTransferProgress(db: Db, id: string, doneBytes: number, sizeBytes?: number): void {
  if (sizeBytes === undefined) db.prepare('UPDATE transfers SET done_bytes = ? WHERE id = ?').run(doneBytes, id);
  else db.prepare('UPDATE transfers SET done_bytes = ?, size_bytes = ? WHERE id = ?').run(doneBytes, sizeBytes, id);
}

export function setUploadUrl(db: Db, id: string, url: string | null): void {
  db.prepare('UPDATE transfers SET upload_url = ? WHERE id = ?').run(url, id);
}

/** Transfers cut short by a crash or shutdown resume from where their files say they are. */
export function requeueInterruptedTransfers(db: Db, now: number): void {
  db.prepare(`UPDATE transfers SET state = 'queued', updated_at = ? WHERE state = 'running'`).run(now);
}

export function countTransfers(db: Db, states: readonly TransferState[]): number {
  return (
    db.prepare(`SELECT count(*) AS n FROM transfers WHERE state IN (${states.map(() => '?').join(', ')})`).get(...states) as { n: number }
  ).n;
}

/** Whether any upload of the lesson has yet to arrive. */
export function hasUnfinishedUploads(db: Db, lessonId: string): boolean {
  return !!db.prepare(`SELECT 1 FROM transfers WHERE lesson_id = ? AND direction = 'upload' AND state != 'done' LIMIT 1`).get(lessonId);
}
