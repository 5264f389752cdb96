import type { FastifyInstance } from 'fastify';
import { HUB_PROTOCOL_VERSION, hubEndpoints } from '../../common/hub-api';
import type { HubContext } from '../context';
import { hubVersion } from '../version';

export function healthRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get(hubEndpoints.health.path, async () => {
    // A health check that cannot reach the database is not healthy.
    await ctx.db.selectFrom('hub_meta').select('key').limit(1).execute();
    return { ok: true as const, version: hubVersion, protocol: HUB_PROTOCOL_VERSION, hubTime: ctx.now() };
  });
}
