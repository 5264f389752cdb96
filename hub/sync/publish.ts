import type { FastifyBaseLogger } from 'fastify';
import type { HubContext } from '../context';
import type { ApplyOutcome } from './apply';

/**
 * What follows a committed batch: notices to connected devices, and deleting blob files that no
 * community claims any more. Neither can be rolled back, so both wait for the commit.
 */
export async function publish(ctx: HubContext, outcome: ApplyOutcome, log: FastifyBaseLogger): Promise<void> {
  for (const [communityId, seq] of outcome.landed) {
    ctx.events.notify(communityId, seq).catch((err: unknown) => log.warn({ err }, 'event notice failed'));
  }
  for (const sha of outcome.releasedBlobs) {
    await ctx.blobLock
      .run(sha, async () => {
        // An upload may have claimed the blob again since the batch committed.
        const claimed = await ctx.db.selectFrom('blobs').select('sha256').where('sha256', '=', sha).limit(1).executeTakeFirst();
        if (!claimed) await ctx.blobs.remove(sha);
      })
      .catch((err: unknown) => log.warn({ err, sha }, 'could not remove a released blob'));
  }
}
