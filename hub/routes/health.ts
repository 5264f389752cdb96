import type { FastifyInstance } from 'fastify';
import { HUB_PROTOCOL_VERSION, hubEndpoints } from '../../common/hub-api';
import type { HubContext } from '../context';
import { pingDatabase } from '../db/open';
import { route } from '../http/route';
import { hubVersion } from '../version';

export function healthRoutes(app: FastifyInstance, ctx: HubContext): void {
  route(app, ctx, hubEndpoints.health, async () => {
    // A health check that cannot reach the database is not healthy.
    await pingDatabase(ctx.db);
    return { ok: true as const, version: hubVersion, protocol: HUB_PROTOCOL_VERSION, hubTime: ctx.now() };
  });
}
