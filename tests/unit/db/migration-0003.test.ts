import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { scratchDatabase } from '../../support/scratch-database';

const scratch = scratchDatabase('db-0003');

const version = migrations.findIndex((m) => m.name === 'sync') + 1;

describe('migration 0003 (sync)', () => {
  it('keeps existing notes private and authored on this device', () => {
    migrate(scratch.db, migrations.slice(0, version - 1));
    scratch.db
      .prepare(
        `INSERT INTO lessons (id, title, status, source, created_at, updated_at) VALUES ('l1', 'Fractions', 'ready', 'import', 1, 1)`,
      )
      .run();
    scratch.db
      .prepare(
        `INSERT INTO notes (id, lesson_id, kind, start_ms, text, created_at, updated_at) VALUES ('n1', 'l1', 'praise', 0, 'Good', 1, 1)`,
      )
      .run();
    migrate(scratch.db, migrations.slice(0, version));
    expect(scratch.db.prepare('SELECT private, author_id FROM notes').get()).toEqual({ private: 1, author_id: null });
  });

  it('drops a lesson’s share and transfers with the lesson, and keeps one transfer per lesson, role and direction', () => {
    migrate(scratch.db, migrations.slice(0, version));
    scratch.db
      .prepare(
        `INSERT INTO lessons (id, title, status, source, created_at, updated_at) VALUES ('l1', 'Fractions', 'ready', 'import', 1, 1)`,
      )
      .run();
    scratch.db
      .prepare(`INSERT INTO lesson_shares (lesson_id, community_id, origin, owner_id, shared_at) VALUES ('l1', 'c1', 'local', 'u1', 1)`)
      .run();
    const transfer = scratch.db.prepare(
      `INSERT INTO transfers (id, direction, community_id, lesson_id, role, sha256, size_bytes, mime, rel_path, state, created_at, updated_at)
       VALUES (?, 'upload', 'c1', 'l1', 'media', 'abc', 10, 'video/mp4', 'l1/proxy.mp4', 'queued', 1, 1)`,
    );
    transfer.run('t1');
    expect(() => transfer.run('t2')).toThrow(/UNIQUE/);
    scratch.db.prepare(`DELETE FROM lessons WHERE id = 'l1'`).run();
    expect(scratch.db.prepare('SELECT count(*) AS n FROM lesson_shares').get()).toEqual({ n: 0 });
    expect(scratch.db.prepare('SELECT count(*) AS n FROM transfers').get()).toEqual({ n: 0 });
  });

  it('orders the outbox by insertion and refuses a repeated op id', () => {
    migrate(scratch.db, migrations.slice(0, version));
    const op = scratch.db.prepare(
      `INSERT INTO outbox (op_id, community_id, entity, record_id, lesson_id, action, fields, hlc, author_id, created_at) VALUES (?, 'c1', 'note', 'n1', 'l1', 'upsert', '{}', 'h', 'u1', 1)`,
    );
    op.run('b');
    op.run('a');
    expect(scratch.db.prepare('SELECT op_id FROM outbox ORDER BY seq').all()).toEqual([{ op_id: 'b' }, { op_id: 'a' }]);
    expect(() => op.run('a')).toThrow(/UNIQUE/);
  });

  it('forgets a community’s members with the community', () => {
    migrate(scratch.db, migrations.slice(0, version));
    scratch.db.prepare(`INSERT INTO communities (id, name, my_role, created_at) VALUES ('c1', 'Maths', 'lead', 1)`).run();
    scratch.db
      .prepare(
        `INSERT INTO community_members (community_id, user_id, display_name, role, joined_at) VALUES ('c1', 'u1', 'Amina', 'lead', 1)`,
      )
      .run();
    scratch.db.prepare(`DELETE FROM communities WHERE id = 'c1'`).run();
    expect(scratch.db.prepare('SELECT count(*) AS n FROM community_members').get()).toEqual({ n: 0 });
  });
});
