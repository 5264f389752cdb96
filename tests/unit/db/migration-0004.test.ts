import { describe, expect, it } from 'vitest';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { collections } from '../../../core/db/migrations/0004-collections';
import { scratchDatabase } from '../../support/scratch-database';

const scratch = scratchDatabase('db-0004');

const upTo = migrations.indexOf(collections) + 1;
const collection = (id: string) =>
  scratch.db.prepare(`INSERT INTO collections (id, title, origin, created_at, updated_at) VALUES (?, 'Wait time', 'local', 1, 1)`).run(id);
const item = (id: string, collectionId: string, position: string, range: [number | null, number | null] = [null, null]) =>
  scratch.db
    .prepare(
      `INSERT INTO collection_items (id, collection_id, lesson_id, start_ms, end_ms, position, created_at, updated_at) VALUES (?, ?, 'l1', ?, ?, ?, 1, 1)`,
    )
    .run(id, collectionId, range[0], range[1], position);
const order = (collectionId: string) =>
  (
    scratch.db.prepare('SELECT id FROM collection_items WHERE collection_id = ? ORDER BY position, id').all(collectionId) as Array<{
      id: string;
    }>
  ).map((r) => r.id);

describe('migration 0004 (collections)', () => {
  it('applies on top of a library from the previous version', () => {
    migrate(scratch.db, migrations.slice(0, upTo - 1));
    scratch.db
      .prepare(`INSERT INTO lessons (id, title, status, source, created_at, updated_at) VALUES ('l1', 'Kept', 'ready', 'import', 1, 1)`)
      .run();
    migrate(scratch.db, migrations.slice(0, upTo));
    expect(scratch.db.pragma('user_version', { simple: true })).toBe(collections.version);
    expect(scratch.db.prepare('SELECT title FROM lessons').all()).toEqual([{ title: 'Kept' }]);
  });

  it('orders items by position byte by byte, then by id, whatever the locale', () => {
    migrate(scratch.db, migrations.slice(0, upTo));
    collection('c1');
    item('i3', 'c1', 'a1');
    item('i1', 'c1', 'Zz');
    item('i2', 'c1', 'a0V');
    item('i0', 'c1', 'a1');
    // Upper case sorts before lower case by code point: 'Zz' < 'a0V' < 'a1'; equal positions fall back to ids.
    expect(order('c1')).toEqual(['i1', 'i2', 'i0', 'i3']);
  });

  it('keeps ranges whole and forward, and takes items away with their collection', () => {
    migrate(scratch.db, migrations.slice(0, upTo));
    collection('c1');
    expect(() => item('half', 'c1', 'a0', [1000, null])).toThrow(/CHECK/);
    expect(() => item('backwards', 'c1', 'a0', [2000, 1000])).toThrow(/CHECK/);
    item('clip', 'c1', 'a0', [1000, 2000]);
    expect(() => item('orphan', 'missing', 'a1')).toThrow(/FOREIGN KEY/);
    scratch.db.prepare(`DELETE FROM collections WHERE id = 'c1'`).run();
    expect(scratch.db.prepare('SELECT count(*) AS n FROM collection_items').get()).toEqual({ n: 0 });
  });

  it('refuses unknown origins and lets an archive go without taking its collection', () => {
    migrate(scratch.db, migrations.slice(0, upTo));
    expect(() =>
      scratch.db.prepare(`INSERT INTO collections (id, title, origin, created_at, updated_at) VALUES ('x', 't', 'elsewhere', 1, 1)`).run(),
    ).toThrow(/CHECK/);
    scratch.db.prepare(`INSERT INTO archives (id, file_name, exported_at, imported_at) VALUES ('a1', 'set.pcircle', 1, 2)`).run();
    scratch.db
      .prepare(`INSERT INTO collections (id, title, origin, archive_id, created_at, updated_at) VALUES ('c1', 't', 'archive', 'a1', 1, 1)`)
      .run();
    scratch.db.prepare(`DELETE FROM archives WHERE id = 'a1'`).run();
    expect(scratch.db.prepare('SELECT archive_id FROM collections').get()).toEqual({ archive_id: null });
  });
});
