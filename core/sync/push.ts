import { StudioError, type ErrorCode, type ErrorParams } from '../../common/errors';
import { PUSH_MAX_OPS, type Op } from '../../common/sync/ops';
import type { HubClient } from '../hub/client';
import { nextBatch, removeOps, type OutboxWriter } from './outbox';

/** Well under the hub's 8 MB limit per push, so a batch never needs splitting after the fact. */
const BATCH_BYTES = 2 * 1024 * 1024;

export interface PushOutcome {
  pushed: number;
  rejected: number;
}

/**
 * Sends the outbox in batches until it is empty (or only ops waiting for their media remain). Pushing
 * is idempotent: an op the hub already has comes back `duplicate`, so a batch cut off by a lost
 * connection is simply sent again. Rejected ops are dropped (retrying cannot help) and counted; a
 * `clock_skew` rejection stops the push with the op kept, as this device's clock must be fixed first.
 * Each refused op is announced (`outbox.rejected`) inside the transaction that drops it from the
 * outbox: a mentor's refused review goes back to being a draft with the hub's reason.
 */
export async function pushOutbox({ db, events }: OutboxWriter, client: HubClient): Promise<PushOutcome> {
  const outcome: PushOutcome = { pushed: 0, rejected: 0 };
  for (;;) {
    const batch = nextBatch(db, PUSH_MAX_OPS, BATCH_BYTES);
    if (batch.length === 0) return outcome;
    const ops = batch.map(({ seq: _seq, lessonId: _lessonId, ...op }) => op);
    const { results } = await client.call('push', { body: { ops } });
    const done: string[] = [];
    const refused: Array<[Op, ErrorCode, ErrorParams]> = [];
    let skew: StudioError | null = null;
    results.forEach((result, i) => {
      const op = ops[i]!;
      if (result.status === 'rejected' && result.reason === 'clock_skew') {
        skew ??= new StudioError('clock_skew', result.params ?? {});
        return;
      }
      if (result.status === 'rejected') {
        outcome.rejected += 1;
        refused.push([op, result.reason ?? 'internal', result.params ?? {}]);
      } else outcome.pushed += 1;
      done.push(op.opId);
    });
    db.transaction(() => {
      removeOps(db, done);
      for (const [op, reason, params] of refused) events.emit('outbox.rejected', { op, reason, params });
    })();
    if (skew) throw skew;
  }
}
