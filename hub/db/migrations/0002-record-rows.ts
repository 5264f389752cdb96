import { sql, type Kysely } from 'kysely';
import { jsonObjectAgg, jsonObjectAggText } from '../dialect';

/**
 * One row per record instead of one per field: a record's current values and their stamps move into
 * JSON columns of `record_heads`, which becomes `records`. A note is seven fields; pushing 10,000 of
 * them wrote 70,000 field rows (and their index entries), now 10,000 rows. The few fields that other
 * records or storage look up by value (media blobs, rubrics) are kept in `record_refs`, indexed by
 * value. The list below is frozen with this migration; later reference fields are added by code.
 */
const REFERENCE_FIELDS = ['mediaSha', 'posterSha', 'spriteSha', 'peaksSha', 'rubricId'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('record_heads')
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('record_heads')
    .addColumn('field_hlcs', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  const sameRecord = sql`r.record_id = record_heads.record_id AND r.community_id = record_heads.community_id AND r.entity = record_heads.entity`;
  await sql`UPDATE record_heads SET
      fields = COALESCE((SELECT ${jsonObjectAgg(db, sql`r.field`, sql`r.value`)} FROM records r WHERE ${sameRecord}), '{}'),
      field_hlcs = COALESCE((SELECT ${jsonObjectAggText(db, sql`r.field`, sql`r.hlc`)} FROM records r WHERE ${sameRecord}), '{}')`.execute(
    db,
  );

  await db.schema
    .createTable('record_refs')
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_refs_pk', ['record_id', 'community_id', 'entity', 'field'])
    .execute();
  await db.schema.createIndex('record_refs_value').on('record_refs').columns(['community_id', 'field', 'value']).execute();
  await sql`INSERT INTO record_refs (community_id, entity, record_id, field, value)
      SELECT community_id, entity, record_id, field, value FROM records
      WHERE field IN (${sql.join(REFERENCE_FIELDS)}) AND value <> 'null'`.execute(db);

  await db.schema.dropTable('records').execute();
  await db.schema.alterTable('record_heads').renameTo('records').execute();
}
