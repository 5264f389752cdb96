import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachePreparedStatements } from '../../../common/sqlite/statement-cache';

describe('prepared statement cache', () => {
  it('compiles each SQL text once, and lets the least recently used go past its size', () => {
    const db = cachePreparedStatements(new Database(':memory:'), 2);
    db.exec('CREATE TABLE t (n INTEGER)');
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    expect(db.prepare('INSERT INTO t (n) VALUES (?)')).toBe(insert);
    insert.run(1);
    const count = db.prepare('SELECT count(*) AS c FROM t');
    expect(count.get()).toEqual({ c: 1 });
    db.prepare('INSERT INTO t (n) VALUES (?)');
    db.prepare('SELECT n FROM t');
    // Three texts through a cache of two: the count, used longest ago, was let go and is compiled anew.
    expect(db.prepare('SELECT count(*) AS c FROM t')).not.toBe(count);
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 1 });
    db.close();
  });

  it('keeps working across a schema change', () => {
    const db = cachePreparedStatements(new Database(':memory:'));
    db.exec('CREATE TABLE t (n INTEGER)');
    db.prepare('INSERT INTO t (n) VALUES (?)').run(1);
    expect(db.prepare('SELECT * FROM t').get()).toEqual({ n: 1 });
    db.exec('ALTER TABLE t ADD COLUMN m INTEGER DEFAULT 7');
    expect(db.prepare('SELECT * FROM t').get()).toEqual({ n: 1, m: 7 });
    db.close();
  });
});
