import type { Migration } from '../migration';

/**
 * Face blurring (core/blur/). `blur_regions` holds what is blurred in a lesson: the tracks the
 * detection job found, the boxes the teacher drew over missed faces and the fixed regions blurred all
 * lesson long, each as keyed boxes (fractions of the picture) as JSON, since they are only read whole.
 * A removed region stays, flagged, so undo can bring it back. `blur_edits` is the teacher's edits in
 * order, what undo takes back. `blur_lessons` says how the lesson was last searched and which regions
 * the blurred copy was made from (a digest of them). The regions describe where the picture was blurred and
 * never what was under it, so they may travel with the lesson.
 */
export const faceBlur: Migration = {
  version: 12,
  name: 'face-blur',
  up: `
    CREATE TABLE blur_lessons (
      lesson_id TEXT PRIMARY KEY REFERENCES lessons(id) ON DELETE CASCADE,
      mode TEXT CHECK (mode IN ('standard', 'thorough')),
      detected_at INTEGER,
      rendered_digest TEXT
    );

    CREATE TABLE blur_regions (
      id TEXT PRIMARY KEY,
      lesson_id TEXT NOT NULL REFERENCES lessons(id) ON DELETE CASCADE,
      source TEXT NOT NULL CHECK (source IN ('detected', 'drawn', 'fixed')),
      start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
      end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
      keys TEXT NOT NULL,
      removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
      created_at INTEGER NOT NULL
    );
    CREATE INDEX blur_regions_lesson ON blur_regions (lesson_id, start_ms);

    CREATE TABLE blur_edits (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      lesson_id TEXT NOT NULL REFERENCES lessons(id) ON DELETE CASCADE,
      region_id TEXT NOT NULL REFERENCES blur_regions(id) ON DELETE CASCADE,
      action TEXT NOT NULL CHECK (action IN ('remove', 'add', 'end')),
      previous_end_ms INTEGER,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX blur_edits_lesson ON blur_edits (lesson_id, seq);
  `,
};
