import type { Migration } from '../migration';

/**
 * Classroom talk analysis (core/talk/). `talk_analyses` keeps what the job measured, one row per
 * lesson: the speech segments with their features and the clustering's labels, as JSON, since they
 * are only ever read whole. `talk_corrections` keeps the teacher's own labels for stretches of the
 * lesson; they outrank the analysis and survive re-analysing it. Both are private to this device
 * (nothing here becomes a sync op) and go with their lesson.
 */
export const talk: Migration = {
  version: 9,
  name: 'talk',
  up: `
    CREATE TABLE talk_analyses (
      lesson_id TEXT PRIMARY KEY REFERENCES lessons(id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      duration_ms INTEGER NOT NULL,
      segments TEXT NOT NULL,
      analysed_at INTEGER NOT NULL
    );

    CREATE TABLE talk_corrections (
      id TEXT PRIMARY KEY,
      lesson_id TEXT NOT NULL REFERENCES lessons(id) ON DELETE CASCADE,
      start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
      end_ms INTEGER NOT NULL CHECK (end_ms > start_ms),
      label TEXT NOT NULL CHECK (label IN ('teacher', 'student', 'other')),
      created_at INTEGER NOT NULL
    );
    CREATE INDEX talk_corrections_lesson ON talk_corrections (lesson_id, created_at);
  `,
};
