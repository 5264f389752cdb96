import type { FastifyInstance } from 'fastify';
import { hubEndpoints } from '../../common/hub-api';
import { PUSH_MAX_BYTES, type PushResponse } from '../../common/sync/ops';
import { requireMember } from '../communities/membership';
import type { HubContext } from '../context';
import { applyPush, expireDue } from '../sync/apply';
import { publish } from '../sync/publish';
import { pullPage } from '../sync/pull';

export function syncRoutes(app: FastifyInstance, ctx: HubContext): void {
  const e = hubEndpoints;

  app.post(e.push.path, { bodyLimit: PUSH_MAX_BYTES }, async (request): Promise<PushResponse> => {
    const user = await ctx.authenticate(request.headers.authorization);
    const { ops } = e.push.body.parse(request.body);
    const now = ctx.now();
    const { results, ...outcome } = await applyPush(ctx.db, user, ops, now);
    await publish(ctx, outcome, request.log);
    return { results, hubTime: now };
  });

  app.get(e.pull.path, async (request, reply) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const query = e.pull.query.parse(request.query);
    const role = await requireMember(ctx.db, query.community, user.userId);
    // Shares past their agreed duration go before anyone pulls them again, not at the next sweep.
    await publish(ctx, await expireDue(ctx.db, ctx.now(), ctx.hlc, query.community), request.log);
    return reply.type('application/json').send(await pullPage(ctx.db, ctx.epoch, { ...user, role }, query, ctx.now()));
  });
}
