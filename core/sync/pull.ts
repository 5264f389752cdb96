import { StudioError } from '../../common/errors';
import { PULL_MAX_LIMIT } from '../../common/sync/ops';
import type { HubClient } from '../hub/client';
import { myUserId } from './account';
import { applyOps, dropUnseen, type Applier } from './apply';
import type { ApplyEffects } from './projection';
import { readCursor, writeCursor } from './community-cache';
import { resendRecord } from './local-changes';
import { hasPendingOps } from './outbox';
import { markCommunityUnseen, unseenRecords } from './records';

/**
 * Pulls one community page by page from its stored cursor; each page is applied and the cursor moved
 * in one transaction, so a pull cut off anywhere resumes without gaps or repeats. Without a cursor
 * (first sync, or the hub answered `resync_required`) it is a full re-pull: records the hub no longer
 * has are dropped at the end, and the outbox (this device's pending changes) is never touched.
 */
export async function pullCommunity(ctx: Applier, client: HubClient, communityId: string, effects: ApplyEffects): Promise<void> {
  const { db, logger } = ctx;
  const cursor = readCursor(db, communityId);
  if (cursor === null) markCommunityUnseen(db, communityId);
  const full = cursor === null;
  const fetchPage = (after: string | null) =>
    client.call('pull', { query: { community: communityId, limit: PULL_MAX_LIMIT, ...(after && { after }) } });
  let next = fetchPage(cursor);
  for (;;) {
    let page;
    try {
      page = await next;
    } catch (err) {
      if (!(err instanceof StudioError && err.code === 'resync_required') || cursor === null) throw err;
      logger.info('hub asked for a full resync', { communityId, reason: String(err.params.reason ?? '') });
      db.transaction(() => writeCursor(db, communityId, null, null))();
      return pullCommunity(ctx, client, communityId, effects);
    }
    const last = !page.hasMore;
    // The hub prepares the next page while this one is applied.
    if (!last) {
      next = fetchPage(page.cursor);
      next.catch(() => undefined);
    }
    db.transaction(() => {
      applyOps(ctx, page.ops, effects);
      if (last && full) finishFullPull(ctx, communityId, effects);
      writeCursor(db, communityId, page.cursor, last ? ctx.now() : null);
    })();
    if (last) return;
  }
}

function finishFullPull(ctx: Applier, communityId: string, effects: ApplyEffects): void {
  const { db, events } = ctx;
  const me = myUserId(db);
  const unseen = unseenRecords(db, communityId).filter((r) => !hasPendingOps(db, r.entity, r.id));
  const resend = dropUnseen({ db, nowMs: ctx.now(), effects, events, projections: ctx.projections }, unseen, (r) => r.ownerId === me);
  for (const record of resend) resendRecord(ctx, record, me!);
  db.prepare('UPDATE sync_records SET seen = 1 WHERE community_id = ?').run(communityId);
}
