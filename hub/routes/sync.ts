import type { FastifyInstance } from 'fastify';
import { hubEndpoints } from '../../common/hub-api';
import { PUSH_MAX_BYTES, type PushResponse } from '../../common/sync/ops';
import { requireMember } from '../communities/membership';
import type { HubContext } from '../context';
import { pullPage } from '../sync/pull';
import { applyPush } from '../sync/push';

export function syncRoutes(app: FastifyInstance, ctx: HubContext): void {
  const e = hubEndpoints;

  app.post(e.push.path, { bodyLimit: PUSH_MAX_BYTES }, async (request): Promise<PushResponse> => {
    const user = await ctx.authenticate(request.headers.authorization);
    const { ops } = e.push.body.parse(request.body);
    const now = ctx.now();
    const outcome = await applyPush(ctx.db, user.userId, ops, now);
    for (const [communityId, seq] of outcome.landed) {
      ctx.events.notify(communityId, seq).catch((err: unknown) => request.log.warn({ err }, 'event notice failed'));
    }
    for (const sha of outcome.releasedBlobs) {
      await ctx.blobLock
        .run(sha, async () => {
          // An upload may have claimed the blob again since the push committed.
          const claimed = await ctx.db.selectFrom('blobs').select('sha256').where('sha256', '=', sha).limit(1).executeTakeFirst();
          if (!claimed) await ctx.blobs.remove(sha);
        })
        .catch((err: unknown) => request.log.warn({ err, sha }, 'could not remove a released blob'));
    }
    return { results: outcome.results, hubTime: now };
  });

  app.get(e.pull.path, async (request) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const query = e.pull.query.parse(request.query);
    const role = await requireMember(ctx.db, query.community, user.userId);
    return pullPage(ctx.db, ctx.epoch, { userId: user.userId, role }, query, ctx.now());
  });
}
