import type { Migration } from '../migration';

/**
 * The annotation workspace: soft-deleted notes (undo now, tombstones for sync later), coding schemes
 * and their codes, clips, guided reflections, caption tracks, and one FTS5 index over lesson titles
 * and descriptions, notes, replies and reflections.
 *
 * The index keeps its own integer rowids, mapped to records by `search_refs`: the records have text
 * ids, and their implicit rowids may change on VACUUM, so they cannot key an external-content index.
 * Triggers keep it current, so no write path can forget to.
 */
export const annotation: Migration = {
  version: 2,
  name: 'annotation',
  up: `
    ALTER TABLE notes ADD COLUMN deleted_at INTEGER;
    DROP INDEX notes_lesson;
    CREATE INDEX notes_lesson ON notes (lesson_id, deleted_at, start_ms);
    CREATE INDEX notes_parent ON notes (parent_id);

    -- Which scheme keys 1-9 drop codes with in a lesson; null means the built-in starter scheme.
    ALTER TABLE lessons ADD COLUMN coding_scheme_id TEXT;

    CREATE TABLE coding_schemes (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE codes (
      id TEXT PRIMARY KEY,
      scheme_id TEXT NOT NULL REFERENCES coding_schemes (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      color TEXT NOT NULL,
      key INTEGER NOT NULL CHECK (key BETWEEN 1 AND 9),
      UNIQUE (scheme_id, key)
    );

    CREATE TABLE clips (
      id TEXT PRIMARY KEY,
      lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      start_ms INTEGER NOT NULL,
      end_ms INTEGER NOT NULL,
      export_rel_path TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK (end_ms > start_ms)
    );
    CREATE INDEX clips_lesson ON clips (lesson_id, start_ms);

    CREATE TABLE reflections (
      lesson_id TEXT PRIMARY KEY REFERENCES lessons (id) ON DELETE CASCADE,
      went_well TEXT NOT NULL DEFAULT '',
      would_change TEXT NOT NULL DEFAULT '',
      feedback_wanted TEXT NOT NULL DEFAULT '',
      shared INTEGER NOT NULL DEFAULT 0,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE caption_tracks (
      id TEXT PRIMARY KEY,
      lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      language TEXT NOT NULL DEFAULT '',
      vtt TEXT NOT NULL,
      cue_count INTEGER NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX caption_tracks_lesson ON caption_tracks (lesson_id);

    CREATE TABLE search_refs (
      rowid INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('lesson', 'note', 'reflection')),
      ref_id TEXT NOT NULL,
      UNIQUE (kind, ref_id)
    );
    -- Marks (Arabic harakat among them) count as part of a word, so a vowelled word is not split in two.
    CREATE VIRTUAL TABLE search_fts USING fts5(
      title, body,
      tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
      prefix = '2 3'
    );

    CREATE TRIGGER lessons_search_insert AFTER INSERT ON lessons BEGIN
      INSERT INTO search_refs (kind, ref_id) VALUES ('lesson', new.id);
      INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), new.title, new.description);
    END;
    CREATE TRIGGER lessons_search_update AFTER UPDATE OF title, description ON lessons BEGIN
      UPDATE search_fts SET title = new.title, body = new.description
        WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'lesson' AND ref_id = new.id);
    END;
    CREATE TRIGGER lessons_search_delete AFTER DELETE ON lessons BEGIN
      DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'lesson' AND ref_id = old.id);
      DELETE FROM search_refs WHERE kind = 'lesson' AND ref_id = old.id;
    END;

    CREATE TRIGGER notes_search_insert AFTER INSERT ON notes WHEN new.deleted_at IS NULL BEGIN
      INSERT INTO search_refs (kind, ref_id) VALUES ('note', new.id);
      INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), '', new.text);
    END;
    -- A soft-deleted note leaves the index; restoring it puts it back.
    CREATE TRIGGER notes_search_update AFTER UPDATE OF text, deleted_at ON notes BEGIN
      DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'note' AND ref_id = old.id);
      DELETE FROM search_refs WHERE kind = 'note' AND ref_id = old.id;
      INSERT INTO search_refs (kind, ref_id) SELECT 'note', new.id WHERE new.deleted_at IS NULL;
      INSERT INTO search_fts (rowid, title, body)
        SELECT rowid, '', new.text FROM search_refs WHERE kind = 'note' AND ref_id = new.id AND new.deleted_at IS NULL;
    END;
    CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
      DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'note' AND ref_id = old.id);
      DELETE FROM search_refs WHERE kind = 'note' AND ref_id = old.id;
    END;

    CREATE TRIGGER reflections_search_insert AFTER INSERT ON reflections BEGIN
      INSERT INTO search_refs (kind, ref_id) VALUES ('reflection', new.lesson_id);
      INSERT INTO search_fts (rowid, title, body)
        VALUES (last_insert_rowid(), '', new.went_well || char(10) || new.would_change || char(10) || new.feedback_wanted);
    END;
    CREATE TRIGGER reflections_search_update AFTER UPDATE ON reflections BEGIN
      UPDATE search_fts SET body = new.went_well || char(10) || new.would_change || char(10) || new.feedback_wanted
        WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'reflection' AND ref_id = new.lesson_id);
    END;
    CREATE TRIGGER reflections_search_delete AFTER DELETE ON reflections BEGIN
      DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'reflection' AND ref_id = old.lesson_id);
      DELETE FROM search_refs WHERE kind = 'reflection' AND ref_id = old.lesson_id;
    END;

    -- Index what a library already holds.
    INSERT INTO search_refs (kind, ref_id) SELECT 'lesson', id FROM lessons;
    INSERT INTO search_refs (kind, ref_id) SELECT 'note', id FROM notes;
    INSERT INTO search_fts (rowid, title, body)
      SELECT r.rowid, l.title, l.description FROM search_refs r JOIN lessons l ON r.kind = 'lesson' AND l.id = r.ref_id;
    INSERT INTO search_fts (rowid, title, body)
      SELECT r.rowid, '', n.text FROM search_refs r JOIN notes n ON r.kind = 'note' AND n.id = r.ref_id;
  `,
};
