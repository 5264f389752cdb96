import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { StudioError } from '../../common/errors';
import * as initial from './migrations/0001-initial';
import * as recordRows from './migrations/0002-record-rows';
import * as opsPushedBy from './migrations/0003-ops-pushed-by';
import * as authAttempts from './migrations/0004-auth-attempts';
import * as credentials from './migrations/0005-credentials';
import * as uploadHashes from './migrations/0006-upload-hashes';

/** Every migration the hub knows, in order. Add new files here; never edit an applied one. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-record-rows': recordRows,
  '0003-ops-pushed-by': opsPushedBy,
  '0004-auth-attempts': authAttempts,
  '0005-credentials': credentials,
  '0006-upload-hashes': uploadHashes,
};

/** Names of every migration, in order. */
export const migrationNames = Object.keys(migrations);

/** Brings the schema up to date, refusing a database that a newer hub has already migrated. */
export async function migrate(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const known = new Set(Object.keys(migrations));
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (tables.some((t) => t.name === 'kysely_migration')) {
    const rows = await (db as Kysely<{ kysely_migration: { name: string } }>).selectFrom('kysely_migration').select('name').execute();
    const unknown = rows.find((row) => !known.has(row.name));
    if (unknown) throw new StudioError('database_too_new', { migration: unknown.name });
  }
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
