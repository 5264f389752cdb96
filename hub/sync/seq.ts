import type { HubDb } from '../db/open';

/**
 * The op log's sequence counter lives in `hub_meta` and is read and written inside the push
 * transaction, which serialises pushes: seq order is then commit order, and a pull that has seen seq
 * n can never later miss an op numbered below n. (On PostgreSQL, read it `FOR UPDATE`.)
 */
export async function readSeq(db: HubDb): Promise<number> {
  const row = await db.selectFrom('hub_meta').select('value').where('key', '=', 'seq').executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function writeSeq(db: HubDb, seq: number): Promise<void> {
  await db
    .updateTable('hub_meta')
    .set({ value: String(seq) })
    .where('key', '=', 'seq')
    .execute();
}
