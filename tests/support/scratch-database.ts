import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { tempDir } from './web-shell';

/**
 * A fresh database file for each test of the file that calls this (at its top level), with foreign
 * keys on and no migration applied, removed after the test: what the migration tests start from.
 * `db` is the current test's database.
 */
export function scratchDatabase(name: string): { readonly db: Database.Database } {
  let dir = '';
  let db: Database.Database | undefined;
  beforeEach(async () => {
    dir = await tempDir(name);
    db = new Database(path.join(dir, 'a.db'));
    db.pragma('foreign_keys = ON');
  });
  afterEach(async () => {
    db?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });
  return {
    get db() {
      return db!;
    },
  };
}
