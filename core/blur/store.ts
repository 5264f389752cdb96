import { createHash } from 'node:crypto';
import type { BlurKey, BlurMode, BlurRegion, BlurSource } from '../../common/schemas/blur';
import type { Db } from '../db/open';

interface RegionRow {
  id: string;
  source: BlurSource;
  start_ms: number;
  end_ms: number;
  keys: string;
  removed: number;
}

export interface NewRegion {
  id: string;
  source: BlurSource;
  startMs: number;
  endMs: number;
  keys: BlurKey[];
}

export type BlurEditAction = 'remove' | 'add' | 'end';

const toRegion = (r: RegionRow): BlurRegion => ({
  id: r.id,
  source: r.source,
  startMs: r.start_ms,
  endMs: r.end_ms,
  keys: JSON.parse(r.keys) as BlurKey[],
  removed: r.removed === 1,
});

export function listRegions(db: Db, lessonId: string): BlurRegion[] {
  const rows = db
    .prepare('SELECT id, source, start_ms, end_ms, keys, removed FROM blur_regions WHERE lesson_id = ? ORDER BY start_ms, id')
    .all(lessonId) as RegionRow[];
  return rows.map(toRegion);
}

export function getRegion(db: Db, lessonId: string, id: string): BlurRegion | undefined {
  const row = db
    .prepare('SELECT id, source, start_ms, end_ms, keys, removed FROM blur_regions WHERE lesson_id = ? AND id = ?')
    .get(lessonId, id) as RegionRow | undefined;
  return row && toRegion(row);
}

export function insertRegion(db: Db, lessonId: string, r: NewRegion, now: number): void {
  db.prepare('INSERT INTO blur_regions (id, lesson_id, source, start_ms, end_ms, keys, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    r.id,
    lessonId,
    r.source,
    r.startMs,
    r.endMs,
    JSON.stringify(r.keys),
    now,
  );
}

/**
 * What a new detection leaves: the teacher's own regions stay; the detected ones (and the edits
 * that removed them) give way to the new search's.
 */
export function replaceDetected(db: Db, lessonId: string, regions: NewRegion[], mode: BlurMode, now: number): void {
  db.transaction(() => {
    db.prepare("DELETE FROM blur_regions WHERE lesson_id = ? AND source = 'detected'").run(lessonId);
    for (const r of regions) insertRegion(db, lessonId, r, now);
    db.prepare(
      `INSERT INTO blur_lessons (lesson_id, mode, detected_at) VALUES (?, ?, ?)
       ON CONFLICT (lesson_id) DO UPDATE SET mode = excluded.mode, detected_at = excluded.detected_at`,
    ).run(lessonId, mode, now);
  })();
}

export function setRemoved(db: Db, id: string, removed: boolean): void {
  db.prepare('UPDATE blur_regions SET removed = ? WHERE id = ?').run(removed ? 1 : 0, id);
}

export function setKeys(db: Db, id: string, keys: BlurKey[]): void {
  db.prepare('UPDATE blur_regions SET keys = ? WHERE id = ?').run(JSON.stringify(keys), id);
}

export function setEnd(db: Db, id: string, endMs: number): void {
  db.prepare('UPDATE blur_regions SET end_ms = ? WHERE id = ?').run(endMs, id);
}

export function recordEdit(db: Db, lessonId: string, regionId: string, action: BlurEditAction, now: number, previousEndMs?: number): void {
  db.prepare('INSERT INTO blur_edits (lesson_id, region_id, action, previous_end_ms, created_at) VALUES (?, ?, ?, ?, ?)').run(
    lessonId,
    regionId,
    action,
    previousEndMs ?? null,
    now,
  );
}

export interface StoredEdit {
  seq: number;
  regionId: string;
  action: BlurEditAction;
  previousEndMs: number | null;
}

export function lastEdit(db: Db, lessonId: string): StoredEdit | undefined {
  const row = db
    .prepare('SELECT seq, region_id, action, previous_end_ms FROM blur_edits WHERE lesson_id = ? ORDER BY seq DESC LIMIT 1')
    .get(lessonId) as { seq: number; region_id: string; action: BlurEditAction; previous_end_ms: number | null } | undefined;
  return row && { seq: row.seq, regionId: row.region_id, action: row.action, previousEndMs: row.previous_end_ms };
}

export function dropEdit(db: Db, seq: number): void {
  db.prepare('DELETE FROM blur_edits WHERE seq = ?').run(seq);
}

export function deleteRegion(db: Db, id: string): void {
  db.prepare('DELETE FROM blur_regions WHERE id = ?').run(id);
}

export function editCount(db: Db, lessonId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM blur_edits WHERE lesson_id = ?').get(lessonId) as { n: number }).n;
}

export function blurLesson(
  db: Db,
  lessonId: string,
): { mode: BlurMode | null; detectedAt: number | null; renderedDigest: string | null } | undefined {
  const row = db.prepare('SELECT mode, detected_at, rendered_digest FROM blur_lessons WHERE lesson_id = ?').get(lessonId) as
    { mode: BlurMode | null; detected_at: number | null; rendered_digest: string | null } | undefined;
  return row && { mode: row.mode, detectedAt: row.detected_at, renderedDigest: row.rendered_digest };
}

export function setRenderedDigest(db: Db, lessonId: string, digest: string): void {
  db.prepare(
    `INSERT INTO blur_lessons (lesson_id, rendered_digest) VALUES (?, ?)
     ON CONFLICT (lesson_id) DO UPDATE SET rendered_digest = excluded.rendered_digest`,
  ).run(lessonId, digest);
}

/** Names what a blurred copy shows: the regions it blurred, so a copy made before an edit reads as outdated. */
export function regionsDigest(regions: BlurRegion[]): string {
  const active = regions.filter((r) => !r.removed).map((r) => [r.id, r.startMs, r.endMs, r.keys]);
  return createHash('sha256').update(JSON.stringify(active)).digest('hex');
}
