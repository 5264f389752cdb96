import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { scratchDatabase } from '../../support/scratch-database';

const scratch = scratchDatabase('db-0002');

const lesson = (id: string, title: string, description = '') =>
  scratch.db
    .prepare(
      `INSERT INTO lessons (id, title, description, status, source, created_at, updated_at) VALUES (?, ?, ?, 'ready', 'import', 1, 1)`,
    )
    .run(id, title, description);
const note = (id: string, lessonId: string, text: string) =>
  scratch.db
    .prepare(`INSERT INTO notes (id, lesson_id, kind, start_ms, text, created_at, updated_at) VALUES (?, ?, 'praise', 0, ?, 1, 1)`)
    .run(id, lessonId, text);
const found = (word: string) =>
  (
    scratch.db
      .prepare(
        `SELECT r.kind, r.ref_id FROM search_fts f JOIN search_refs r ON r.rowid = f.rowid WHERE search_fts MATCH ? ORDER BY r.kind, r.ref_id`,
      )
      .all(`"${word}"`) as Array<{
      kind: string;
      ref_id: string;
    }>
  ).map((r) => `${r.kind}:${r.ref_id}`);

describe('migration 0002 (annotation)', () => {
  it('indexes the lessons and notes a library already holds', () => {
    migrate(scratch.db, migrations.slice(0, 1));
    lesson('l1', 'Fractions with pizza', 'Grade four, halves and quarters');
    note('n1', 'l1', 'Lovely wait time after the question');
    migrate(scratch.db, migrations.slice(0, 2));
    expect(found('pizza')).toEqual(['lesson:l1']);
    expect(found('quarters')).toEqual(['lesson:l1']);
    expect(found('wait')).toEqual(['note:n1']);
  });

  it('keeps the index in step with inserts, edits, soft deletes, restores and cascading deletes', () => {
    migrate(scratch.db, migrations.slice(0, 2));
    lesson('l1', 'Photosynthesis');
    note('n1', 'l1', 'Students explain chlorophyll');
    scratch.db
      .prepare(
        `INSERT INTO reflections (lesson_id, went_well, would_change, feedback_wanted, updated_at) VALUES ('l1', 'pacing', 'more diagrams', 'questioning', 1)`,
      )
      .run();
    expect(found('chlorophyll')).toEqual(['note:n1']);
    expect(found('diagrams')).toEqual(['reflection:l1']);

    scratch.db.prepare(`UPDATE notes SET text = 'Students explain stomata' WHERE id = 'n1'`).run();
    expect(found('chlorophyll')).toEqual([]);
    expect(found('stomata')).toEqual(['note:n1']);

    scratch.db.prepare(`UPDATE notes SET deleted_at = 5 WHERE id = 'n1'`).run();
    expect(found('stomata')).toEqual([]);
    scratch.db.prepare(`UPDATE notes SET deleted_at = NULL WHERE id = 'n1'`).run();
    expect(found('stomata')).toEqual(['note:n1']);

    scratch.db.prepare(`UPDATE lessons SET title = 'Plant cells' WHERE id = 'l1'`).run();
    expect(found('photosynthesis')).toEqual([]);
    expect(found('plant')).toEqual(['lesson:l1']);

    scratch.db.prepare(`DELETE FROM lessons WHERE id = 'l1'`).run();
    expect(found('stomata')).toEqual([]);
    expect(found('diagrams')).toEqual([]);
    expect(scratch.db.prepare('SELECT count(*) AS n FROM search_refs').get()).toEqual({ n: 0 });
    expect(scratch.db.prepare('SELECT count(*) AS n FROM search_fts').get()).toEqual({ n: 0 });
  });

  it('finds Arabic words, vowelled or not as typed, and Latin words without their accents', () => {
    migrate(scratch.db, migrations.slice(0, 2));
    lesson('l1', 'درس الكسور');
    note('n1', 'l1', 'Très bien: élève attentive');
    expect(found('الكسور')).toEqual(['lesson:l1']);
    expect(found('eleve')).toEqual(['note:n1']);
  });

  it('creates schemes with codes keyed 1 to 9, clips with a forward range, reflections and caption tracks', () => {
    migrate(scratch.db, migrations.slice(0, 2));
    lesson('l1', 'A');
    scratch.db.prepare(`INSERT INTO coding_schemes (id, name, created_at, updated_at) VALUES ('s1', 'Mine', 1, 1)`).run();
    scratch.db.prepare(`INSERT INTO codes (id, scheme_id, name, color, key) VALUES ('c1', 's1', 'Praise', '#00ff00', 1)`).run();
    expect(() =>
      scratch.db.prepare(`INSERT INTO codes (id, scheme_id, name, color, key) VALUES ('c2', 's1', 'Other', '#00ff00', 1)`).run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      scratch.db.prepare(`INSERT INTO codes (id, scheme_id, name, color, key) VALUES ('c3', 's1', 'Ten', '#00ff00', 10)`).run(),
    ).toThrow(/CHECK/);
    expect(() =>
      scratch.db
        .prepare(`INSERT INTO clips (id, lesson_id, name, start_ms, end_ms, created_at, updated_at) VALUES ('k1', 'l1', 'x', 5, 5, 1, 1)`)
        .run(),
    ).toThrow(/CHECK/);
    scratch.db
      .prepare(`INSERT INTO clips (id, lesson_id, name, start_ms, end_ms, created_at, updated_at) VALUES ('k1', 'l1', 'x', 5, 9, 1, 1)`)
      .run();
    scratch.db
      .prepare(`INSERT INTO caption_tracks (id, lesson_id, label, vtt, cue_count, created_at) VALUES ('t1', 'l1', 'en', 'WEBVTT', 0, 1)`)
      .run();
    scratch.db.prepare(`DELETE FROM coding_schemes WHERE id = 's1'`).run();
    expect(scratch.db.prepare('SELECT count(*) AS n FROM codes').get()).toEqual({ n: 0 });
    scratch.db.prepare(`DELETE FROM lessons WHERE id = 'l1'`).run();
    expect(scratch.db.prepare('SELECT (SELECT count(*) FROM clips) + (SELECT count(*) FROM caption_tracks) AS n').get()).toEqual({ n: 0 });
  });
});
