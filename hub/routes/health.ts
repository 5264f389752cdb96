import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StudioError } from '../../common/errors';
import { HUB_PROTOCOL_VERSION, hubEndpoints } from '../../common/hub-api';
import type { HubContext } from '../context';
import { pingDatabase } from '../db/open';
import { PlainText, route } from '../http/route';
import { hubVersion } from '../version';

export function healthRoutes(app: FastifyInstance, ctx: HubContext): void {
  route(app, ctx, hubEndpoints.health, async () => {
    // Healthy means able to serve: the database answers and the blob store is reachable. A load
    // balancer takes a process that answers otherwise (503, naming what failed) out of rotation.
    const [database, blobStore] = await Promise.allSettled([within(pingDatabase(ctx.db)), within(ctx.blobs.ping())]);
    const failing = [database.status === 'rejected' && 'database', blobStore.status === 'rejected' && 'blobStore'].filter(Boolean);
    if (failing.length > 0) throw new StudioError('hub_unreachable', { unhealthy: failing.join(',') });
    return {
      ok: true as const,
      version: hubVersion,
      protocol: HUB_PROTOCOL_VERSION,
      hubTime: ctx.now(),
      checks: { database: 'ok' as const, blobStore: 'ok' as const },
    };
  });

  route(app, ctx, hubEndpoints.metrics, async ({ request }) => {
    allowMetrics(request, ctx.metricsToken);
    const { text, contentType } = await ctx.metrics.text();
    return new PlainText(text, contentType);
  });
}

/** A check that has not answered by then counts as failed: a load balancer's probe should not wait on a hung connection. */
const CHECK_TIMEOUT_MS = 5000;

function within(check: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('no answer in time')), CHECK_TIMEOUT_MS);
  });
  return Promise.race([check, late]).finally(() => clearTimeout(timer));
}

/**
 * Metrics tell how busy the hub is and which routes fail, which is nobody else's business: with a
 * token, only a request bearing it; without one, only a request from this machine that did not come
 * through a proxy (a proxy on the same machine would make every visitor look local).
 */
function allowMetrics(request: FastifyRequest, token: string | undefined): void {
  if (token) {
    const given = Buffer.from(request.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new StudioError('unauthorized');
    return;
  }
  const address = request.socket.remoteAddress ?? '';
  const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  if (!loopback || request.headers['x-forwarded-for'] !== undefined) throw new StudioError('forbidden', { reason: 'metrics_local_only' });
}
