import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { scratchDatabase } from '../../support/scratch-database';

const scratch = scratchDatabase('db-0005');

const count = (table: string) => (scratch.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('migration 0005 (review)', () => {
  it('adds drafts, their notes and the notice inbox to a library that already has lessons and notes', () => {
    const index = migrations.findIndex((m) => m.name === 'review');
    expect(migrations[index]!.version).toBe(index + 1);
    migrate(scratch.db, migrations.slice(0, index));
    scratch.db
      .prepare(
        `INSERT INTO lessons (id, title, status, source, created_at, updated_at) VALUES ('l1', 'Fractions', 'ready', 'import', 1, 1)`,
      )
      .run();
    scratch.db
      .prepare(
        `INSERT INTO notes (id, lesson_id, kind, start_ms, text, created_at, updated_at) VALUES ('n1', 'l1', 'praise', 0, 'Glow', 1, 1)`,
      )
      .run();
    migrate(scratch.db, migrations.slice(0, index + 1));
    expect(scratch.db.pragma('user_version', { simple: true })).toBe(index + 1);

    scratch.db
      .prepare(
        `INSERT INTO review_drafts (id, request_id, lesson_id, community_id, created_at, updated_at) VALUES ('d1', 'r1', 'l1', 'c1', 1, 1)`,
      )
      .run();
    scratch.db.prepare(`INSERT INTO review_draft_notes (draft_id, note_id, position) VALUES ('d1', 'n1', 0)`).run();
    expect(scratch.db.prepare('SELECT state, scores, base_version FROM review_drafts').get()).toEqual({
      state: 'editing',
      scores: '[]',
      base_version: 0,
    });
    // One draft per request.
    expect(() =>
      scratch.db
        .prepare(
          `INSERT INTO review_drafts (id, request_id, lesson_id, community_id, created_at, updated_at) VALUES ('d2', 'r1', 'l1', 'c1', 1, 1)`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() => scratch.db.prepare(`UPDATE review_drafts SET state = 'lost'`).run()).toThrow(/CHECK/);

    // A note deleted for good leaves the draft; a lesson deleted takes its drafts along.
    scratch.db.prepare(`DELETE FROM notes WHERE id = 'n1'`).run();
    expect(count('review_draft_notes')).toBe(0);
    scratch.db.prepare(`DELETE FROM lessons WHERE id = 'l1'`).run();
    expect(count('review_drafts')).toBe(0);
  });

  it('tells each notice once', () => {
    migrate(scratch.db, migrations);
    const insert = scratch.db.prepare(
      `INSERT INTO review_notifications (id, key, kind, community_id, created_at) VALUES (?, 'request_new:r1', 'request_new', 'c1', 1) ON CONFLICT (key) DO NOTHING`,
    );
    expect(insert.run('a').changes).toBe(1);
    expect(insert.run('b').changes).toBe(0);
    expect(() =>
      scratch.db
        .prepare(`INSERT INTO review_notifications (id, key, kind, community_id, created_at) VALUES ('c', 'x', 'gossip', 'c1', 1)`)
        .run(),
    ).toThrow(/CHECK/);
  });
});
