import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { lessonCredits } from '../../../core/db/migrations/0010-lesson-credits';
import { scratchDatabase } from '../../support/scratch-database';

const scratch = scratchDatabase('db-0010');
const upTo = migrations.indexOf(lessonCredits) + 1;

describe('migration 0010 (lesson credits)', () => {
  it('keeps the lessons a library has, with no credit, and keeps a package lesson’s credit until the lesson goes', () => {
    expect(lessonCredits.version).toBe(upTo);
    migrate(scratch.db, migrations.slice(0, upTo - 1));
    scratch.db
      .prepare(
        `INSERT INTO lessons (id, title, status, source, origin, created_at, updated_at) VALUES ('l1', 'مقارنة الكسور', 'ready', 'import', 'archive', 1, 1)`,
      )
      .run();
    migrate(scratch.db, migrations.slice(0, upTo));
    expect(scratch.db.prepare('SELECT id, archive_id FROM lessons').all()).toEqual([{ id: 'l1', archive_id: null }]);
    expect(scratch.db.prepare('SELECT count(*) AS n FROM lesson_credits').get()).toEqual({ n: 0 });

    scratch.db
      .prepare(
        `INSERT INTO lesson_credits (lesson_id, licence, author_name, consent) VALUES ('l1', 'cc_by_nc', 'Amina', '{"visibility":"faces","onFile":true,"durationDays":null}')`,
      )
      .run();
    scratch.db.prepare(`DELETE FROM lessons WHERE id = 'l1'`).run();
    expect(scratch.db.prepare('SELECT count(*) AS n FROM lesson_credits').get()).toEqual({ n: 0 });
  });
});
