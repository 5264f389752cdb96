import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { faceBlur } from '../../../core/db/migrations/0012-face-blur';
import { scratchDatabase } from '../../support/scratch-database';

const scratch = scratchDatabase('db-0012');
const upTo = migrations.indexOf(faceBlur) + 1;

describe('migration 0012 (face blur)', () => {
  it('adds regions and edits to a library that has lessons; they go with their lesson', () => {
    expect(faceBlur.version).toBe(upTo);
    migrate(scratch.db, migrations.slice(0, upTo - 1));
    scratch.db
      .prepare(
        `INSERT INTO lessons (id, title, status, source, created_at, updated_at) VALUES ('l1', 'Fractions', 'ready', 'import', 1, 1)`,
      )
      .run();
    migrate(scratch.db, migrations.slice(0, upTo));
    expect(scratch.db.pragma('user_version', { simple: true })).toBe(faceBlur.version);
    scratch.db.prepare(`INSERT INTO blur_lessons (lesson_id, mode, detected_at) VALUES ('l1', 'standard', 2)`).run();
    scratch.db
      .prepare(
        `INSERT INTO blur_regions (id, lesson_id, source, start_ms, end_ms, keys, created_at) VALUES ('r1', 'l1', 'drawn', 0, 900, '[]', 3)`,
      )
      .run();
    scratch.db.prepare(`INSERT INTO blur_edits (lesson_id, region_id, action, created_at) VALUES ('l1', 'r1', 'add', 3)`).run();
    // A region must not end before it starts, and comes from the search, the teacher's pen or a fixed region.
    const insert = (id: string, source: string, start: number, end: number) =>
      scratch.db
        .prepare(`INSERT INTO blur_regions (id, lesson_id, source, start_ms, end_ms, keys, created_at) VALUES (?, 'l1', ?, ?, ?, '[]', 3)`)
        .run(id, source, start, end);
    expect(() => insert('r2', 'drawn', 900, 100)).toThrow();
    expect(() => insert('r3', 'guessed', 0, 100)).toThrow();
    scratch.db.prepare(`DELETE FROM lessons WHERE id = 'l1'`).run();
    for (const table of ['blur_lessons', 'blur_regions', 'blur_edits'])
      expect(scratch.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
  });
});
