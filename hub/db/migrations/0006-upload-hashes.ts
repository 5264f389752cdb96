import type { Kysely } from 'kysely';

/**
 * The running sha256 of each tus upload into S3 (issue #16), so a finished upload is verified without
 * reading it back: `state` is the hasher's saved state (base64) after the first `hashed_bytes` bytes.
 * Any hub process continues it. `writer` names the write that holds it (a claim, so two writes never
 * both extend it); `broken` (0/1) is set for good once a write could not extend it, and the upload
 * is then verified by reading it back. Rows of abandoned uploads go with the hourly upload sweep.
 * Written with the schema builder only, so it runs on SQLite and PostgreSQL alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('upload_hashes')
    .addColumn('upload_id', 'text', (c) => c.primaryKey())
    .addColumn('hashed_bytes', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text')
    .addColumn('writer', 'text')
    .addColumn('broken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('upload_hashes_updated').on('upload_hashes').column('updated_at').execute();
}
