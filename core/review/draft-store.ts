import type { ErrorCode } from '../../common/errors';
import type { Score } from '../../common/review/records';
import type { Draft } from '../../common/schemas/review';
import type { Db } from '../db/open';

/** Rows of `review_drafts` and `review_draft_notes`: a mentor's review before it travels. */

interface Row {
  id: string;
  request_id: string;
  lesson_id: string;
  community_id: string;
  scores: string;
  strengths: string;
  next_steps: string;
  base_version: number;
  state: Draft['state'];
  base_record: string | null;
  reject_code: ErrorCode | null;
  reject_params: string | null;
  updated_at: number;
}

export interface DraftRow extends Draft {
  /** The synced review record as it was before submission (JSON), to put back if the hub refuses it. */
  baseRecord: string | null;
}

function noteIdsOf(db: Db, draftId: string): string[] {
  return (
    db
      .prepare(
        `SELECT d.note_id FROM review_draft_notes d JOIN notes n ON n.id = d.note_id
         WHERE d.draft_id = ? AND n.deleted_at IS NULL ORDER BY d.position`,
      )
      .all(draftId) as Array<{ note_id: string }>
  ).map((r) => r.note_id);
}

function fromRow(db: Db, r: Row): DraftRow {
  return {
    id: r.id,
    requestId: r.request_id,
    lessonId: r.lesson_id,
    communityId: r.community_id,
    scores: JSON.parse(r.scores) as Score[],
    strengths: r.strengths,
    nextSteps: r.next_steps,
    noteIds: noteIdsOf(db, r.id),
    baseVersion: r.base_version,
    state: r.state,
    rejection: r.reject_code
      ? { code: r.reject_code, params: JSON.parse(r.reject_params ?? '{}') as Record<string, string | number> }
      : null,
    updatedAt: r.updated_at,
    baseRecord: r.base_record,
  };
}

export function getDraft(db: Db, id: string): DraftRow | null {
  const row = db.prepare('SELECT * FROM review_drafts WHERE id = ?').get(id) as Row | undefined;
  return row ? fromRow(db, row) : null;
}

export function draftForRequest(db: Db, requestId: string): DraftRow | null {
  const row = db.prepare('SELECT * FROM review_drafts WHERE request_id = ?').get(requestId) as Row | undefined;
  return row ? fromRow(db, row) : null;
}

export function draftsOfLesson(db: Db, lessonId: string): DraftRow[] {
  return (db.prepare('SELECT * FROM review_drafts WHERE lesson_id = ?').all(lessonId) as Row[]).map((r) => fromRow(db, r));
}

export function sentDrafts(db: Db): DraftRow[] {
  return (db.prepare(`SELECT * FROM review_drafts WHERE state = 'sent'`).all() as Row[]).map((r) => fromRow(db, r));
}

export function insertDraft(
  db: Db,
  d: Omit<DraftRow, 'noteIds' | 'rejection' | 'state' | 'baseRecord'>,
  noteIds: readonly string[],
  now: number,
): void {
  db.prepare(
    `INSERT INTO review_drafts (id, request_id, lesson_id, community_id, scores, strengths, next_steps, base_version, created_at, updated_at)
     VALUES (@id, @requestId, @lessonId, @communityId, @scores, @strengths, @nextSteps, @baseVersion, @now, @now)`,
  ).run({ ...d, scores: JSON.stringify(d.scores), now });
  noteIds.forEach((noteId, i) =>
    db.prepare('INSERT INTO review_draft_notes (draft_id, note_id, position) VALUES (?, ?, ?)').run(d.id, noteId, i),
  );
}

export function updateDraftContent(db: Db, id: string, c: Pick<Draft, 'scores' | 'strengths' | 'nextSteps'>, now: number): void {
  db.prepare('UPDATE review_drafts SET scores = ?, strengths = ?, next_steps = ?, updated_at = ? WHERE id = ?').run(
    JSON.stringify(c.scores),
    c.strengths,
    c.nextSteps,
    now,
    id,
  );
}

export function linkDraftNote(db: Db, draftId: string, noteId: string): void {
  const next = (
    db.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM review_draft_notes WHERE draft_id = ?').get(draftId) as { p: number }
  ).p;
  db.prepare('INSERT INTO review_draft_notes (draft_id, note_id, position) VALUES (?, ?, ?)').run(draftId, noteId, next);
}

export function markSent(db: Db, id: string, baseRecord: string | null, now: number): void {
  db.prepare(
    `UPDATE review_drafts SET state = 'sent', base_record = ?, reject_code = NULL, reject_params = NULL, updated_at = ? WHERE id = ?`,
  ).run(baseRecord, now, id);
}

export function markRejected(db: Db, id: string, code: ErrorCode, params: Record<string, string | number>, now: number): void {
  db.prepare(`UPDATE review_drafts SET state = 'rejected', reject_code = ?, reject_params = ?, updated_at = ? WHERE id = ?`).run(
    code,
    JSON.stringify(params),
    now,
    id,
  );
}

export function deleteDraft(db: Db, id: string): void {
  db.prepare('DELETE FROM review_drafts WHERE id = ?').run(id);
}

/** The public view of a draft, without what only the core needs. */
export function publicDraft(d: DraftRow | null): Draft | null {
  if (!d) return null;
  const { baseRecord: _baseRecord, ...draft } = d;
  return draft;
}
