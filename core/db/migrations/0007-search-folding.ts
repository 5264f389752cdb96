import type { Migration } from '../migration';

/**
 * The search index holds text folded by `fold_text` (core/search/fold.ts: Arabic-script vowel marks
 * and tatweel left out), so a word is found whether or not it was written, or is typed, with them.
 * The triggers of 0002 are replaced by folding ones, and what the index holds is folded once.
 */
export const searchFolding: Migration = {
  version: 7,
  name: 'search-folding',
  up: `
    DROP TRIGGER lessons_search_insert;
    DROP TRIGGER lessons_search_update;
    DROP TRIGGER notes_search_insert;
    DROP TRIGGER notes_search_update;
    DROP TRIGGER reflections_search_insert;
    DROP TRIGGER reflections_search_update;

    CREATE TRIGGER lessons_search_insert AFTER INSERT ON lessons BEGIN
      INSERT INTO search_refs (kind, ref_id) VALUES ('lesson', new.id);
      INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), fold_text(new.title), fold_text(new.description));
    END;
    CREATE TRIGGER lessons_search_update AFTER UPDATE OF title, description ON lessons BEGIN
      UPDATE search_fts SET title = fold_text(new.title), body = fold_text(new.description)
        WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'lesson' AND ref_id = new.id);
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
    CREATE TRIGGER reflections_search_insert AFTER INSERT ON reflections BEGIN
      INSERT INTO search_refs (kind, ref_id) VALUES ('reflection', new.lesson_id);
      INSERT INTO search_fts (rowid, title, body)
        VALUES (last_insert_rowid(), '', fold_text(new.went_well || char(10) || new.would_change || char(10) || new.feedback_wanted));
    END;
    CREATE TRIGGER reflections_search_update AFTER UPDATE ON reflections BEGIN
      UPDATE search_fts SET body = fold_text(new.went_well || char(10) || new.would_change || char(10) || new.feedback_wanted)
        WHERE rowid = (SELECT rowid FROM search_refs WHERE kind = 'reflection' AND ref_id = new.lesson_id);
    END;

    DELETE FROM search_fts;
    INSERT INTO search_fts (rowid, title, body)
      SELECT r.rowid, fold_text(l.title), fold_text(l.description) FROM search_refs r JOIN lessons l ON r.kind = 'lesson' AND l.id = r.ref_id;
    INSERT INTO search_fts (rowid, title, body)
      SELECT r.rowid, '', fold_text(n.text) FROM search_refs r JOIN notes n ON r.kind = 'note' AND n.id = r.ref_id;
    INSERT INTO search_fts (rowid, title, body)
      SELECT r.rowid, '', fold_text(x.went_well || char(10) || x.would_change || char(10) || x.feedback_wanted)
      FROM search_refs r JOIN reflections x ON r.kind = 'reflection' AND x.lesson_id = r.ref_id;
  `,
};
