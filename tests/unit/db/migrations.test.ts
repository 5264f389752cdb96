import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../common/errors';
import { migrate } from '../../../core/db/migrate';
import { migrations } from '../../../core/db/migrations';
import { openDb } from '../../../core/db/open';
import { tempDir } from '../../support/web-shell';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('db');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('bring a new database to the latest version in WAL mode with foreign keys on', () => {
    const db = openDb(path.join(dir, 'studio.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('0001 creates lessons, assets, notes, tags, jobs and settings, with cascading deletes', () => {
    const db = new Database(path.join(dir, 'a.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 1));
    expect(tables(db)).toEqual(expect.arrayContaining(['lessons', 'media_assets', 'notes', 'tags', 'lesson_tags', 'jobs', 'settings']));
    db.prepare(`INSERT INTO lessons (id, title, status, source, created_at, updated_at) VALUES ('l1', 'A', 'ready', 'import', 1, 1)`).run();
    db.prepare(
      `INSERT INTO notes (id, lesson_id, kind, start_ms, text, created_at, updated_at) VALUES ('n1', 'l1', 'praise', 5, 'x', 1, 1)`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO notes (id, lesson_id, kind, start_ms, end_ms, text, created_at, updated_at) VALUES ('n2', 'l1', 'praise', 5, 4, 'x', 1, 1)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(`DELETE FROM lessons WHERE id = 'l1'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 0 });
    db.close();
  });

  it('each later migration applies on top of the one before and keeps existing rows', () => {
    for (let v = 1; v < migrations.length; v++) {
      const db = new Database(path.join(dir, `step-${v}.db`));
      db.pragma('foreign_keys = ON');
      migrate(db, migrations.slice(0, v));
      db.prepare(
        `INSERT INTO lessons (id, title, status, source, created_at, updated_at) VALUES ('keep', 'Kept', 'ready', 'import', 1, 1)`,
      ).run();
      migrate(db, migrations.slice(0, v + 1));
      expect(db.pragma('user_version', { simple: true })).toBe(v + 1);
      expect(db.prepare(`SELECT title FROM lessons WHERE id = 'keep'`).get()).toEqual({ title: 'Kept' });
      db.close();
    }
  });

  it('refuses a database written by a newer app, without changing it', async () => {
    const file = path.join(dir, 'newer.db');
    const db = new Database(file);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    const before = await fs.readFile(file);
    let error: unknown;
    try {
      openDb(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('database_too_new');
    expect((error as StudioError).params).toEqual({ found: migrations.length + 5, supported: migrations.length });
    expect(await fs.readFile(file)).toEqual(before);
  });

  it('rolls back a migration that fails half way', () => {
    const db = new Database(path.join(dir, 'broken.db'));
    const broken = [...migrations, { version: migrations.length + 1, name: 'broken', up: 'CREATE TABLE half (x); THIS IS NOT SQL;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(tables(db)).not.toContain('half');
    db.close();
  });
});
