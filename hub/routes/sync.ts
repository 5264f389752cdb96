import type { FastifyInstance } from 'fastify';
import pLimit from 'p-limit';
import { hubEndpoints } from '../../common/hub-api';
import { StudioError } from '../../common/errors';
import type { HubContext } from '../context';
import { JsonText, route } from '../http/route';
import { applyPush, expireDue } from '../sync/apply';
import { publish } from '../sync/publish';
import { pullPage, pullState } from '../sync/pull';

/**
 * Pull pages a process reads from the database at once; more wait their turn. A page is the heavy
 * read (up to 1,000 ops joined into one text), a push a handful of short statements whose lag is a
 * teacher waiting to see "safely on the hub"; when hundreds of studios catch up at once, the pages
 * queue here, in the process, and pushes keep the database and its connection pool to themselves.
 */
const PAGES_AT_ONCE = 2;

export function syncRoutes(app: FastifyInstance, ctx: HubContext): void {
  const e = hubEndpoints;
  const reading = pLimit(PAGES_AT_ONCE);

  route(app, ctx, e.push, async ({ account, body, request }) => {
    const now = ctx.now();
    const { results, ...outcome } = await applyPush(ctx.db, account, body.ops, now, ctx);
    ctx.metrics.opsPushed.inc(body.ops.length);
    await publish(ctx, outcome, request.log);
    return { results, hubTime: now };
  });

  route(app, ctx, e.pull, {
    // The session, the caller's role and the op log's head in one round trip (hub/sync/pull.ts).
    authenticatesItself: true,
    handle: async ({ authorization, query, request }) => {
      const { account, role, seq, due } = await pullState(ctx.db, authorization, query.community, ctx.now());
      if (!role) throw new StudioError('forbidden', { reason: 'not_member' });
      // Shares past their agreed duration go before anyone pulls them again, not at the next sweep.
      if (due) await publish(ctx, await expireDue(ctx.db, ctx.now(), ctx.hlc, query.community), request.log);
      const page = await reading(() => pullPage(ctx.db, ctx.epoch, { ...account, role }, query, seq, ctx.now()));
      ctx.metrics.opsPulled.inc(page.count);
      return new JsonText(page.text);
    },
  });
}
