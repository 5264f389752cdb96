import { sql, type Kysely } from 'kysely';

/**
 * Open Badges credentials (issue #19). Each community has an issuer key (Ed25519, published as a
 * `did:key`); the secret half never leaves this database, which every hub process shares. A retired
 * key stays, so what it signed keeps its status list. `next_status_index` hands out positions in
 * that key's revocation list with one atomic update, safe across processes.
 * Written with the schema builder only, so it runs on SQLite and PostgreSQL alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credential_issuers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id').onDelete('cascade'))
    .addColumn('did', 'text', (c) => c.notNull().unique())
    .addColumn('public_key_multibase', 'text', (c) => c.notNull())
    .addColumn('secret_key_multibase', 'text', (c) => c.notNull())
    .addColumn('next_status_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('retired_at', 'bigint')
    .execute();
  // One key in use per community: two processes creating it at once cannot both succeed.
  await db.schema
    .createIndex('credential_issuers_active')
    .on('credential_issuers')
    .column('community_id')
    .unique()
    .where(sql.ref('retired_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('issued_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id').onDelete('cascade'))
    .addColumn('issuer_id', 'text', (c) => c.notNull().references('credential_issuers.id'))
    .addColumn('holder_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('achievement_id', 'text', (c) => c.notNull())
    .addColumn('status_index', 'integer', (c) => c.notNull())
    .addColumn('credential', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addUniqueConstraint('issued_credentials_status', ['issuer_id', 'status_index'])
    .execute();
  await db.schema.createIndex('issued_credentials_holder').on('issued_credentials').columns(['community_id', 'holder_id']).execute();
}
