import type { Migration } from '../migration';

/**
 * Clip names are found by search. `search_refs` only allowed lessons, notes and reflections, and SQLite
 * cannot change a CHECK in place: the table is rebuilt with the same rowids (they key `search_fts`).
 * Every trigger that names `search_refs` is dropped first, since a rename checks the triggers that
 * name a table and fails on one that names a table gone, and then made again as 0007 left them.
 */
export const clipSearch: Migration = {
  version: 11,
  name: 'clip-search',
  up: `
    DROP TRIGGER lessons_search_insert;
    DROP TRIGGER lessons_search_update;
    DROP TRIGGER lessons_search_delete;
    DROP TRIGGER notes_search_insert;
    DROP TRIGGER notes_search_update;
    DROP TRIGGER notes_search_delete;
    DROP TRIGGER reflections_search_insert;
    DROP TRIGGER reflections_search_update;
    DROP TRIGGER reflections_search_delete;

    CREATE TABLE search_refs_new (
      rowid INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('lesson', 'note', 'reflection', 'clip')),
      ref_id TEXT NOT NULL,
      UNIQUE (kind, ref_id)
    );
    INSERT INTO search_refs_new (rowid, kind, ref_id) SELECT rowid, kind, ref_id FROM search_refs;
    DROP TABLE search_refs;
    ALTER TABLE search_refs_new RENAME TO search_refs;

    CREATE TRIGGER lessons_search_insert AFTER INSERT ON lessons BEGIN
      INSERT INTO search_refs (kind, ref_id) VALUES ('lesson', new.id);
      INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), fold_text(new.title), fold_text(new.description));
    END;
    CREATE TRIGGER lessons_search_update AFTER UPDATE OF title, description ON lessons BEGIN
      UPDATE search_fts SET title = fold_text(new.title), body = fold_text(new.description)
        WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'lesson' AND ref_id = new.id);
    END;
    CREATE TRIGGER lessons_search_delete AFTER DELETE ON lessons BEGIN
      DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'lesson' AND ref_id = old.id);
      DELETE FROM search_refs WHERE kind = 'lesson' AND ref_id = old.id;
    END;

    CREATE TRIGGER notes_search_insert AFTER INSERT ON notes WHEN new.deleted_at IS NULL BEGIN
      INSERT INTO search_refs (kind, ref_id) VALUES ('note', new.id);
      INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), '', fold_text(new.text));
    END;
    -- A soft-deleted note leaves the index; restoring it puts it back.
    CREATE TRIGGER notes_search_update AFTER UPDATE OF text, deleted_at ON notes BEGIN
      DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'note' AND ref_id = old.id);
      DELETE FROM search_refs WHERE kind = 'note' AND ref_id = old.id;
      INSERT INTO search_refs (kind, ref_id) SELECT 'note', new.id WHERE new.deleted_at IS NULL;
      INSERT INTO search_fts (rowid, title, body)
        SELECT rowid, '', fold_text(new.text) FROM search_refs WHERE kind = 'note' AND ref_id = new.id AND new.deleted_at IS NULL;
    END;
    CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
      DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'note' AND ref_id = old.id);
      DELETE FROM search_refs WHERE kind = 'note' AND ref_id = old.id;
    END;

    CREATE TRIGGER reflections_search_insert AFTER INSERT ON reflections BEGIN
      INSERT INTO search_refs (kind, ref_id) VALUES ('reflection', new.lesson_id);
      INSERT INTO search_fts (rowid, title, body)
        VALUES (last_insert_rowid(), '', fold_text(new.went_well || char(10) || new.would_change || char(10) || new.feedback_wanted));
    END;
    CREATE TRIGGER reflections_search_update AFTER UPDATE ON reflections BEGIN
      UPDATE search_fts SET body = fold_text(new.went_well || char(10) || new.would_change || char(10) || new.feedback_wanted)
        WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'reflection' AND ref_id = new.lesson_id);
    END;
    CREATE TRIGGER reflections_search_delete AFTER DELETE ON reflections BEGIN
      DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'reflection' AND ref_id = old.lesson_id);
      DELETE FROM search_refs WHERE kind = 'reflection' AND ref_id = old.lesson_id;
    END;

    -- A clip's name is its title; it has no other text. Clips go with their lesson (a cascade fires these too).
    CREATE TRIGGER clips_search_insert AFTER INSERT ON clips BEGIN
      INSERT INTO search_refs (kind, ref_id) VALUES ('clip', new.id);
      INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), fold_text(new.name), '');
    END;
    CREATE TRIGGER clips_search_update AFTER UPDATE OF name ON clips BEGIN
      UPDATE search_fts SET title = fold_text(new.name)
        WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'clip' AND ref_id = new.id);
    END;
    CREATE TRIGGER clips_search_delete AFTER DELETE ON clips BEGIN
      DELETE FROM search_fts WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'clip' AND ref_id = old.id);
      DELETE FROM search_refs WHERE kind = 'clip' AND ref_id = old.id;
    END;

    -- Index the clips a library already holds.
    INSERT INTO search_refs (kind, ref_id) SELECT 'clip', id FROM clips;
    INSERT INTO search_fts (rowid, title, body)
      SELECT r.rowid, fold_text(c.name), '' FROM search_refs r JOIN clips c ON r.kind = 'clip' AND c.id = r.ref_id;
  `,
};
