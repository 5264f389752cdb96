import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { talk } from '../../../core/db/migrations/0009-talk';
import { scratchDatabase } from '../../support/scratch-database';

const scratch = scratchDatabase('db-0009');
const upTo = migrations.indexOf(talk) + 1;

describe('migration 0009 (talk analysis)', () => {
  it('adds the analysis and the corrections to a library that has lessons; both go with their lesson', () => {
    expect(talk.version).toBe(upTo);
    migrate(scratch.db, migrations.slice(0, upTo - 1));
    scratch.db
      .prepare(
        `INSERT INTO lessons (id, title, status, source, created_at, updated_at) VALUES ('l1', 'Fractions', 'ready', 'import', 1, 1)`,
      )
      .run();
    migrate(scratch.db, migrations.slice(0, upTo));
    expect(scratch.db.pragma('user_version', { simple: true })).toBe(talk.version);
    scratch.db.prepare(`INSERT INTO talk_analyses VALUES ('l1', 1, 60000, '[]', 2)`).run();
    scratch.db.prepare(`INSERT INTO talk_corrections VALUES ('c1', 'l1', 1000, 2000, 'student', 3)`).run();
    // A band must run forwards and say teacher, student or other.
    expect(() => scratch.db.prepare(`INSERT INTO talk_corrections VALUES ('c2', 'l1', 2000, 1000, 'student', 3)`).run()).toThrow();
    expect(() => scratch.db.prepare(`INSERT INTO talk_corrections VALUES ('c3', 'l1', 0, 1000, 'parent', 3)`).run()).toThrow();
    scratch.db.prepare(`DELETE FROM lessons WHERE id = 'l1'`).run();
    expect(scratch.db.prepare('SELECT COUNT(*) AS n FROM talk_analyses').get()).toEqual({ n: 0 });
    expect(scratch.db.prepare('SELECT COUNT(*) AS n FROM talk_corrections').get()).toEqual({ n: 0 });
  });
});
