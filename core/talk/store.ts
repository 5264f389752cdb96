import type { TalkLabel } from '../../common/schemas/talk';
import type { Db } from '../db/open';
import type { SegmentFeatures } from './segments';

/**
 * Bumped when what the analysis measures changes, so an old analysis is redone rather than misread.
 * Tonal segments (tones.ts) came without a bump: an older analysis has none and reads as it always
 * did (music as silence), and the teacher keeps its figures rather than losing them to a re-analysis.
 */
export const ANALYSIS_VERSION = 1;

export interface StoredAnalysis {
  version: number;
  durationMs: number;
  segments: SegmentFeatures[];
  analysedAt: number;
}

export function saveAnalysis(db: Db, lessonId: string, a: { durationMs: number; segments: SegmentFeatures[]; now: number }): void {
  db.prepare(
    `INSERT INTO talk_analyses (lesson_id, version, duration_ms, segments, analysed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (lesson_id) DO UPDATE SET version = excluded.version, duration_ms = excluded.duration_ms,
       segments = excluded.segments, analysed_at = excluded.analysed_at`,
  ).run(lessonId, ANALYSIS_VERSION, a.durationMs, JSON.stringify(a.segments), a.now);
}

export function loadAnalysis(db: Db, lessonId: string): StoredAnalysis | undefined {
  const row = db.prepare('SELECT version, duration_ms, segments, analysed_at FROM talk_analyses WHERE lesson_id = ?').get(lessonId) as
    { version: number; duration_ms: number; segments: string; analysed_at: number } | undefined;
  return (
    row && {
      version: row.version,
      durationMs: row.duration_ms,
      segments: JSON.parse(row.segments) as SegmentFeatures[],
      analysedAt: row.analysed_at,
    }
  );
}

export interface StoredCorrection {
  id: string;
  startMs: number;
  endMs: number;
  label: TalkLabel;
}

export function addCorrection(db: Db, lessonId: string, c: StoredCorrection & { now: number }): void {
  db.prepare('INSERT INTO talk_corrections (id, lesson_id, start_ms, end_ms, label, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    c.id,
    lessonId,
    c.startMs,
    c.endMs,
    c.label,
    c.now,
  );
}

/** Oldest first: a later correction of the same stretch wins. */
export function corrections(db: Db, lessonId: string): StoredCorrection[] {
  return db
    .prepare('SELECT id, start_ms AS startMs, end_ms AS endMs, label FROM talk_corrections WHERE lesson_id = ? ORDER BY created_at, rowid')
    .all(lessonId) as StoredCorrection[];
}

/** Whether the teacher said two adults teach the lesson (no row: one teacher). */
export function twoAdults(db: Db, lessonId: string): boolean {
  const row = db.prepare('SELECT two_adults FROM talk_settings WHERE lesson_id = ?').get(lessonId) as { two_adults: number } | undefined;
  return row?.two_adults === 1;
}

export function setTwoAdults(db: Db, lessonId: string, value: boolean, now: number): void {
  db.prepare(
    `INSERT INTO talk_settings (lesson_id, two_adults, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (lesson_id) DO UPDATE SET two_adults = excluded.two_adults, updated_at = excluded.updated_at`,
  ).run(lessonId, value ? 1 : 0, now);
}
