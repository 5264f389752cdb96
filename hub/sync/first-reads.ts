import type { CompiledQuery, Selectable } from 'kysely';
import type { Op } from '../../common/sync/ops';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';
import { recordIdsOf } from './push-input';
import { recordQueries, recordsFrom, type CachedRecord } from './record-cache';
import type { RecordLocks } from './record-locks';
import type { FirstReads } from './seq';

/** Op ids per query of those already applied. */
const OP_ID_CHUNK = 500;

/**
 * What a push reads before it applies anything. It locks the records the ops touch, and their op ids
 * (so the same op sent twice at once is applied once and then found as seen), then reads which ops
 * were applied before (with their seqs) and the records: locked first, so what it reads includes
 * every earlier write to those records (seq.ts). One message on PostgreSQL (`FirstReads`).
 */
export async function readBeforeApplying(
  db: HubDb,
  locks: RecordLocks,
  ops: readonly Op[],
  firstReads: FirstReads,
): Promise<{ seen: Map<string, number>; records: Map<string, CachedRecord> }> {
  const recordIds = [...recordIdsOf(ops)];
  const opIds = ops.map((op) => op.opId);
  const lock = locks.lockQuery([...recordIds, ...opIds]);
  const seenQueries: CompiledQuery[] = [];
  for (let i = 0; i < opIds.length; i += OP_ID_CHUNK) {
    seenQueries.push(
      db
        .selectFrom('ops')
        .select(['op_id', 'seq'])
        .where('op_id', 'in', opIds.slice(i, i + OP_ID_CHUNK))
        .compile(),
    );
  }
  const answers = await firstReads([...(lock ? [lock] : []), ...seenQueries, ...recordQueries(db, recordIds)]);
  const first = lock ? 1 : 0;
  const seen = new Map<string, number>();
  for (const row of answers.slice(first, first + seenQueries.length).flat()) seen.set(row.op_id as string, Number(row.seq));
  const records = recordsFrom(answers.slice(first + seenQueries.length).flat() as Selectable<HubDatabase['records']>[]);
  return { seen, records };
}
