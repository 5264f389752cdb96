import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { talkAdults } from '../../../core/db/migrations/0013-talk-adults';
import { scratchDatabase } from '../../support/scratch-database';

const scratch = scratchDatabase('db-0013');
const upTo = migrations.indexOf(talkAdults) + 1;

describe('migration 0013 (two adults in the talk analysis)', () => {
  it('keeps existing corrections in order, lets a band be the co-teacher, and keeps the choice per lesson', () => {
    expect(talkAdults.version).toBe(upTo);
    migrate(scratch.db, migrations.slice(0, upTo - 1));
    const db = scratch.db;
    db.prepare(
      `INSERT INTO lessons (id, title, status, source, created_at, updated_at) VALUES ('l1', 'Fractions', 'ready', 'import', 1, 1)`,
    ).run();
    db.prepare(`INSERT INTO talk_corrections VALUES ('c2', 'l1', 3000, 4000, 'other', 5)`).run();
    db.prepare(`INSERT INTO talk_corrections VALUES ('c1', 'l1', 1000, 2000, 'student', 5)`).run();
    // Before: a co-teacher band is refused.
    expect(() => db.prepare(`INSERT INTO talk_corrections VALUES ('c3', 'l1', 0, 1000, 'coteacher', 6)`).run()).toThrow();

    migrate(db, migrations.slice(0, upTo));
    expect(db.pragma('user_version', { simple: true })).toBe(talkAdults.version);
    // Same rows, same order of insertion (the tie on created_at is broken by rowid, as the store reads them).
    expect(db.prepare('SELECT id, label FROM talk_corrections ORDER BY created_at, rowid').all()).toEqual([
      { id: 'c2', label: 'other' },
      { id: 'c1', label: 'student' },
    ]);
    db.prepare(`INSERT INTO talk_corrections VALUES ('c3', 'l1', 0, 1000, 'coteacher', 6)`).run();
    expect(() => db.prepare(`INSERT INTO talk_corrections VALUES ('c4', 'l1', 0, 1000, 'parent', 6)`).run()).toThrow();
    expect(() => db.prepare(`INSERT INTO talk_corrections VALUES ('c5', 'l1', 2000, 1000, 'teacher', 6)`).run()).toThrow();
    db.prepare(`INSERT INTO talk_settings (lesson_id, two_adults, updated_at) VALUES ('l1', 1, 7)`).run();
    expect(() => db.prepare(`INSERT INTO talk_settings (lesson_id, two_adults, updated_at) VALUES ('nope', 1, 7)`).run()).toThrow();
    expect(() => db.prepare(`UPDATE talk_settings SET two_adults = 2`).run()).toThrow();

    // All of it goes with the lesson.
    db.prepare(`DELETE FROM lessons WHERE id = 'l1'`).run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM talk_corrections').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM talk_settings').get()).toEqual({ n: 0 });
  });
});
