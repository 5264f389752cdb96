import type { Migration } from '../migration';

/**
 * "Two adults" for the talk analysis (core/talk/). `talk_settings` keeps a lesson's choices about
 * its analysis, for now whether two adults (a teacher and a co-teacher) teach it; a lesson without a
 * row has one teacher. `talk_corrections` is rebuilt so a band can also be marked as the co-teacher's
 * (SQLite cannot change a CHECK in place); its rows are kept as they were.
 */
export const talkAdults: Migration = {
  version: 13,
  name: 'talk-adults',
  up: `
    CREATE TABLE talk_settings (
      lesson_id TEXT PRIMARY KEY REFERENCES lessons(id) ON DELETE CASCADE,
      two_adults INTEGER NOT NULL DEFAULT 0 CHECK (two_adults IN (0, 1)),
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE talk_corrections_new (
      id TEXT PRIMARY KEY,
      lesson_id TEXT NOT NULL REFERENCES lessons(id) ON DELETE CASCADE,
      start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
      end_ms INTEGER NOT NULL CHECK (end_ms > start_ms),
      label TEXT NOT NULL CHECK (label IN ('teacher', 'coteacher', 'student', 'other')),
      created_at INTEGER NOT NULL
    );
    INSERT INTO talk_corrections_new (rowid, id, lesson_id, start_ms, end_ms, label, created_at)
      SELECT rowid, id, lesson_id, start_ms, end_ms, label, created_at FROM talk_corrections;
    DROP TABLE talk_corrections;
    ALTER TABLE talk_corrections_new RENAME TO talk_corrections;
    CREATE INDEX talk_corrections_lesson ON talk_corrections (lesson_id, created_at);
  `,
};
