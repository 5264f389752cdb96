import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { searchFolding } from '../../../core/db/migrations/0007-search-folding';
import { matchQuery } from '../../../core/search/match';
import { scratchDatabase } from '../../support/scratch-database';

const scratch = scratchDatabase('db-0007');

const upTo = migrations.indexOf(searchFolding) + 1;
const found = (query: string) =>
  (
    scratch.db
      .prepare(
        `SELECT r.kind, r.ref_id FROM search_fts f JOIN search_refs r ON r.rowid = f.rowid WHERE search_fts MATCH ? ORDER BY r.kind, r.ref_id`,
      )
      .all(matchQuery(query, false)) as Array<{ kind: string; ref_id: string }>
  ).map((r) => `${r.kind}:${r.ref_id}`);

describe('migration 0007 (search folding)', () => {
  it('folds what a library already indexed, keeps the texts themselves, and folds what comes after', () => {
    expect(searchFolding.version).toBe(upTo);
    migrate(scratch.db, migrations.slice(0, upTo - 1));
    scratch.db
      .prepare(
        `INSERT INTO lessons (id, title, description, status, source, created_at, updated_at) VALUES ('l1', 'الكَسْرُ', 'Fractions', 'ready', 'import', 1, 1)`,
      )
      .run();
    scratch.db
      .prepare(
        `INSERT INTO notes (id, lesson_id, kind, start_ms, text, created_at, updated_at) VALUES ('n1', 'l1', 'praise', 5, 'سُؤالٌ مَفتوح', 1, 1)`,
      )
      .run();
    scratch.db
      .prepare(
        `INSERT INTO notes (id, lesson_id, kind, start_ms, text, created_at, updated_at, deleted_at) VALUES ('n2', 'l1', 'praise', 5, 'سؤال', 1, 1, 2)`,
      )
      .run();
    scratch.db.prepare(`INSERT INTO reflections (lesson_id, went_well, updated_at) VALUES ('l1', 'انتَظَرْتُ', 1)`).run();
    // Before: the vowelled words are found only as written.
    expect(found('سؤال')).toEqual([]);

    migrate(scratch.db, migrations.slice(0, upTo));
    expect(scratch.db.pragma('user_version', { simple: true })).toBe(searchFolding.version);
    expect(found('سؤال')).toEqual(['note:n1']);
    expect(found('الكسر')).toEqual(['lesson:l1']);
    expect(found('fractions')).toEqual(['lesson:l1']);
    expect(found('انتظرت')).toEqual(['reflection:l1']);
    expect(scratch.db.prepare(`SELECT text FROM notes WHERE id = 'n1'`).get()).toEqual({ text: 'سُؤالٌ مَفتوح' });

    // The triggers fold from now on: new, changed and restored texts.
    scratch.db
      .prepare(
        `INSERT INTO notes (id, lesson_id, kind, start_ms, text, created_at, updated_at) VALUES ('n3', 'l1', 'question', 9, 'لِماذا؟', 1, 1)`,
      )
      .run();
    scratch.db.prepare(`UPDATE lessons SET title = 'الجَمْعُ' WHERE id = 'l1'`).run();
    scratch.db.prepare(`UPDATE notes SET deleted_at = NULL WHERE id = 'n2'`).run();
    scratch.db.prepare(`UPDATE reflections SET would_change = 'أَسْئِلَة' WHERE lesson_id = 'l1'`).run();
    expect(found('لماذا')).toEqual(['note:n3']);
    expect(found('الجمع')).toEqual(['lesson:l1']);
    expect(found('الكسر')).toEqual([]);
    expect(found('سؤال')).toEqual(['note:n1', 'note:n2']);
    expect(found('أسئلة')).toEqual(['reflection:l1']);
  });
});
