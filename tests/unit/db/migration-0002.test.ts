import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { tempDir } from '../../support/web-shell';

let dir: string;
let db: Database.Database;
beforeEach(async () => {
  dir = await tempDir('db-0002');
  db = new Database(path.join(dir, 'a.db'));
  db.pragma('foreign_keys = ON');
});
afterEach(async () => {
  db.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const lesson = (id: string, title: string, description = '') =>
  db.prepare(`INSERT INTO lessons (id, title, description, status, source, created_at, updated_at) VALUES (?, ?, ?, 'ready', 'import', 1, 1)`).run(id, title, description);
const note = (id: string, lessonId: string, text: string) =>
  db.prepare(`INSERT INTO notes (id, lesson_id, kind, start_ms, text, created_at, updated_at) VALUES (?, ?, 'praise', 0, ?, 1, 1)`).run(id, lessonId, text);
const found = (word: string) =>
  (
    db.prepare(`SELECT r.kind, r.ref_id FROM search_fts f JOIN search_refs r ON r.rowid = f.rowid WHERE search_fts MATCH ? ORDER BY r.kind, r.ref_id`).all(`"${word}"`) as Array<{
      kind: string;
      ref_id: string;
    }>
  ).map((r) => `${r.kind}:${r.ref_id}`);

describe('migration 0002 (annotation)', () => {
  it('indexes the lessons and notes a library already holds', () => {
    migrate(db, migrations.slice(0, 1));
    lesson('l1', 'Fractions with pizza', 'Grade four, halves and quarters');
    note('n1', 'l1', 'Lovely wait time after the question');
    migrate(db, migrations.slice(0, 2));
    expect(found('pizza')).toEqual(['lesson:l1']);
    expect(found('quarters')).toEqual(['lesson:l1']);
    expect(found('wait')).toEqual(['note:n1']);
  });

  it('keeps the index in step with inserts, edits, soft deletes, restores and cascading deletes', () => {
    migrate(db, migrations.slice(0, 2));
    lesson('l1', 'Photosynthesis');
    note('n1', 'l1', 'Students explain chlorophyll');
    db.prepare(`INSERT INTO reflections (lesson_id, went_well, would_change, feedback_wanted, updated_at) VALUES ('l1', 'pacing', 'more diagrams', 'questioning', 1)`).run();
    expect(found('chlorophyll')).toEqual(['note:n1']);
    expect(found('diagrams')).toEqual(['reflection:l1']);

    db.prepare(`UPDATE notes SET text = 'Students explain stomata' WHERE id = 'n1'`).run();
    expect(found('chlorophyll')).toEqual([]);
    expect(found('stomata')).toEqual(['note:n1']);

    db.prepare(`UPDATE notes SET deleted_at = 5 WHERE id = 'n1'`).run();
    expect(found('stomata')).toEqual([]);
    db.prepare(`UPDATE notes SET deleted_at = NULL WHERE id = 'n1'`).run();
    expect(found('stomata')).toEqual(['note:n1']);

    db.prepare(`UPDATE lessons SET title = 'Plant cells' WHERE id = 'l1'`).run();
    expect(found('photosynthesis')).toEqual([]);
    expect(found('plant')).toEqual(['lesson:l1']);

    db.prepare(`DELETE FROM lessons WHERE id = 'l1'`).run();
    expect(found('stomata')).toEqual([]);
    expect(found('diagrams')).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM search_refs').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM search_fts').get()).toEqual({ n: 0 });
  });

  it('finds Arabic words, vowelled or not as typed, and Latin words without their accents', () => {
    migrate(db, migrations.slice(0, 2));
    lesson('l1', 'درس الكسور');
    note('n1', 'l1', 'Très bien: élève attentive');
    expect(found('الكسور')).toEqual(['lesson:l1']);
    expect(found('eleve')).toEqual(['note:n1']);
  });

  it('creates schemes with codes keyed 1 to 9, clips with a forward range, reflections and caption tracks', () => {
    migrate(db, migrations.slice(0, 2));
    lesson('l1', 'A');
    db.prepare(`INSERT INTO coding_schemes (id, name, created_at, updated_at) VALUES ('s1', 'Mine', 1, 1)`).run();
    db.prepare(`INSERT INTO codes (id, scheme_id, name, color, key) VALUES ('c1', 's1', 'Praise', '#00ff00', 1)`).run();
    expect(() => db.prepare(`INSERT INTO codes (id, scheme_id, name, color, key) VALUES ('c2', 's1', 'Other', '#00ff00', 1)`).run()).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO codes (id, scheme_id, name, color, key) VALUES ('c3', 's1', 'Ten', '#00ff00', 10)`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO clips (id, lesson_id, name, start_ms, end_ms, created_at, updated_at) VALUES ('k1', 'l1', 'x', 5, 5, 1, 1)`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO clips (id, lesson_id, name, start_ms, end_ms, created_at, updated_at) VALUES ('k1', 'l1', 'x', 5, 9, 1, 1)`).run();
    db.prepare(`INSERT INTO caption_tracks (id, lesson_id, label, vtt, cue_count, created_at) VALUES ('t1', 'l1', 'en', 'WEBVTT', 0, 1)`).run();
    db.prepare(`DELETE FROM coding_schemes WHERE id = 's1'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM codes').get()).toEqual({ n: 0 });
    db.prepare(`DELETE FROM lessons WHERE id = 'l1'`).run();
    expect(db.prepare('SELECT (SELECT count(*) FROM clips) + (SELECT count(*) FROM caption_tracks) AS n').get()).toEqual({ n: 0 });
  });
});
