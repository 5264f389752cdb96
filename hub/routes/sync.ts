import type { FastifyInstance } from 'fastify';
import { hubEndpoints } from '../../common/hub-api';
import { StudioError } from '../../common/errors';
import type { HubContext } from '../context';
import { JsonText, route } from '../http/route';
import { applyPush, expireDue } from '../sync/apply';
import { publish } from '../sync/publish';
import { pullPage, pullState } from '../sync/pull';
import { pushSender } from '../sync/push-input';
import { PullGate } from '../sync/pull-gate';
import { OpCache } from '../sync/op-cache';

export function syncRoutes(app: FastifyInstance, ctx: HubContext): void {
  const e = hubEndpoints;
  const gate = new PullGate();
  const cache = new OpCache(ctx.db);
  ctx.metrics.watchOpCache(() => cache.heldBytes);

  route(app, ctx, e.push, {
    // The session and the sender's roles in one round trip (hub/sync/push-input.ts).
    authenticatesItself: true,
    handle: async ({ authorization, body, request }) => {
      const now = ctx.now();
      const sender = await pushSender(ctx.db, authorization, now);
      const { results, ...outcome } = await gate.push(() => applyPush(ctx.db, sender, body.ops, now, ctx));
      ctx.metrics.opsPushed.inc(body.ops.length);
      await publish(ctx, outcome, request.log);
      return { results, hubTime: now };
    },
  });

  route(app, ctx, e.pull, {
    // The session, the caller's role and the op log's head in one round trip (hub/sync/pull.ts).
    authenticatesItself: true,
    handle: async ({ authorization, query, request }) => {
      const { account, role, seq, due } = await pullState(ctx.db, authorization, query.community, ctx.now());
      if (!role) throw new StudioError('forbidden', { reason: 'not_member' });
      // Shares past their agreed duration go before anyone pulls them again, not at the next sweep.
      if (due) await publish(ctx, await expireDue(ctx.db, ctx.now(), ctx.hlc, query.community), request.log);
      // Right after an expiry the database answers: the head read above is older than its tombstones.
      const source = { db: ctx.db, cache: due ? null : cache, read: <T>(work: () => Promise<T>) => gate.page(work) };
      const page = await pullPage(source, ctx.epoch, { ...account, role }, query, seq, ctx.now());
      ctx.metrics.opsPulled.inc(page.count);
      ctx.metrics.pullPages.inc({ from: page.fromMemory ? 'memory' : 'database' });
      return new JsonText(page.json);
    },
  });
}
