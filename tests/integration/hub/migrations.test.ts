import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../hub/db/open';
import * as initial from '../../../hub/db/migrations/0001-initial';
import * as recordRows from '../../../hub/db/migrations/0002-record-rows';
import * as opsPushedBy from '../../../hub/db/migrations/0003-ops-pushed-by';
import { tempDir } from '../../support/web-shell';

describe('hub migrations', () => {
  it('folds per-field rows into one row per record and keeps media and rubric references findable', async () => {
    const dir = await tempDir('hub-migrate');
    // A hub database as the first release left it.
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(path.join(dir, 'hub.sqlite')) }) });
    const { error } = await new Migrator({
      db: old,
      provider: { getMigrations: async () => ({ '0001-initial': initial }) },
    }).migrateToLatest();
    expect(error).toBeUndefined();
    await old
      .insertInto('communities')
      .values({ id: 'c1', name: 'C', description: '', languages: '[]', created_by: 'u1', created_at: 1, updated_at: 1 })
      .execute();
    const head = { community_id: 'c1', owner_id: 'u1', parent_id: null, created_hlc: 'h1', deleted_hlc: null, expires_at: null };
    await old
      .insertInto('record_heads')
      .values([
        { ...head, entity: 'lesson', record_id: 'L1' },
        { ...head, entity: 'review', record_id: 'R1' },
        { ...head, entity: 'note', record_id: 'N1', deleted_hlc: 'h9' },
      ])
      .execute();
    const field = (entity: string, record_id: string, name: string, value: unknown, hlc: string) => ({
      community_id: 'c1',
      entity,
      record_id,
      field: name,
      value: JSON.stringify(value),
      hlc,
    });
    await old
      .insertInto('records')
      .values([
        field('lesson', 'L1', 'title', 'Fractions «1»', 'h2'),
        field('lesson', 'L1', 'durationMs', 61_000, 'h3'),
        field('lesson', 'L1', 'mediaSha', 'a'.repeat(64), 'h2'),
        field('lesson', 'L1', 'posterSha', null, 'h2'),
        field('review', 'R1', 'rubricId', 'RB1', 'h4'),
        field('review', 'R1', 'scores', { c1: 3 }, 'h4'),
      ])
      .execute();
    await old.destroy();

    const { db } = await openDatabase({ dataDir: dir });
    try {
      const rows = await db.selectFrom('records').selectAll().orderBy('record_id').execute();
      expect(rows.map((r) => [r.record_id, JSON.parse(r.fields), JSON.parse(r.field_hlcs), r.deleted_hlc])).toEqual([
        [
          'L1',
          { title: 'Fractions «1»', durationMs: 61_000, mediaSha: 'a'.repeat(64), posterSha: null },
          { title: 'h2', durationMs: 'h3', mediaSha: 'h2', posterSha: 'h2' },
          null,
        ],
        ['N1', {}, {}, 'h9'],
        ['R1', { rubricId: 'RB1', scores: { c1: 3 } }, { rubricId: 'h4', scores: 'h4' }, null],
      ]);
      const refs = await db.selectFrom('record_refs').select(['record_id', 'field', 'value']).orderBy('record_id').execute();
      expect(refs).toEqual([
        { record_id: 'L1', field: 'mediaSha', value: JSON.stringify('a'.repeat(64)) },
        { record_id: 'R1', field: 'rubricId', value: JSON.stringify('RB1') },
      ]);
      const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'record%'`.execute(db);
      expect(tables.rows.map((t) => t.name).sort()).toEqual(['record_refs', 'records']);
    } finally {
      await db.destroy();
    }
  });

  it('replaces per-failure sign-in rows with one attempt counter per key', async () => {
    const dir = await tempDir('hub-migrate');
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(path.join(dir, 'hub.sqlite')) }) });
    const migrations = { '0001-initial': initial, '0002-record-rows': recordRows, '0003-ops-pushed-by': opsPushedBy };
    const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => migrations } }).migrateToLatest();
    expect(error).toBeUndefined();
    await old.insertInto('sign_in_failures').values({ key: 'amina@school.example|127.0.0.1', failed_at: 1 }).execute();
    await old.destroy();

    const { db } = await openDatabase({ dataDir: dir });
    try {
      const tables = await sql<{
        name: string;
      }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('sign_in_failures', 'auth_attempts')`.execute(db);
      expect(tables.rows.map((t) => t.name)).toEqual(['auth_attempts']);
      await db.insertInto('auth_attempts').values({ key: 'sign-in:account|amina@school.example', window_start: 1, attempts: 1 }).execute();
      expect(await db.selectFrom('auth_attempts').selectAll().execute()).toEqual([
        { key: 'sign-in:account|amina@school.example', window_start: 1, attempts: 1 },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('adds issuer keys with at most one in use per community, and issued credentials', async () => {
    const dir = await tempDir('hub-migrate');
    const { db } = await openDatabase({ dataDir: dir });
    try {
      await db
        .insertInto('communities')
        .values({ id: 'c1', name: 'C', description: '', languages: '[]', created_by: 'u1', created_at: 1, updated_at: 1 })
        .execute();
      const key = (id: string, retired_at: number | null) => ({
        id,
        community_id: 'c1',
        did: `did:key:${id}`,
        public_key_multibase: id,
        secret_key_multibase: 's',
        next_status_index: 0,
        created_at: 1,
        retired_at,
      });
      await db
        .insertInto('credential_issuers')
        .values([key('k1', 5), key('k2', null)])
        .execute();
      await expect(db.insertInto('credential_issuers').values(key('k3', null)).execute()).rejects.toThrow(/UNIQUE/);
      expect((await db.selectFrom('issued_credentials').selectAll().execute()).length).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
