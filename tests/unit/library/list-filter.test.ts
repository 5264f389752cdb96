import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../core/db/open';
import { listLessons } from '../../../core/library/queries';
import { tempDir } from '../../support/web-shell';

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = await tempDir('list-filter');
  db = openDb(path.join(dir, 'studio.db'));
  const add = db.prepare(
    `INSERT INTO lessons (id, title, subject, status, source, created_at, updated_at) VALUES (?, ?, ?, 'ready', 'import', ?, ?)`,
  );
  add.run('a', 'الكَسْرُ العَادِيّ', 'رياضيات', 1, 1);
  add.run('b', 'Fractions 50% off', 'Maths', 2, 2);
  add.run('c', 'Reading aloud', 'اللُّغَة', 3, 3);
});
afterEach(async () => {
  db.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const ids = (query: string) => listLessons(db, { query, sort: 'oldest', limit: 10, offset: 0 }).items.map((l) => l.id);

describe('the library filter', () => {
  it('matches titles and subjects whether or not they, or the filter, carry Arabic vowel marks', () => {
    expect(ids('الكسر')).toEqual(['a']);
    expect(ids('العادي')).toEqual(['a']);
    expect(ids('اللغة')).toEqual(['c']);
    expect(ids('الكَسْر')).toEqual(['a']);
    expect(listLessons(db, { query: 'كسر', sort: 'newest', limit: 10, offset: 0 }).total).toBe(1);
  });

  it('takes % and _ literally, ignores case, and lists everything for an empty filter', () => {
    expect(ids('50%')).toEqual(['b']);
    expect(ids('0_')).toEqual([]);
    expect(ids('fractions')).toEqual(['b']);
    expect(ids('  ')).toEqual(['a', 'b', 'c']);
  });
});
