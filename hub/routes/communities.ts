import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { StudioError } from '../../common/errors';
import { hubEndpoints } from '../../common/hub-api';
import { requireCan, requireMember } from '../communities/membership';
import { communitiesOf, communityById, insertCommunity, toCommunity, updateCommunity } from '../communities/queries';
import type { HubContext } from '../context';
import { route } from '../http/route';

export function communityRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { db } = ctx;
  const e = hubEndpoints;

  route(app, ctx, e.listCommunities, async ({ account }) => ({ communities: await communitiesOf(db, account.userId) }));

  route(app, ctx, e.createCommunity, async ({ account, body }) => {
    const now = ctx.now();
    const row = {
      id: uuidv7(),
      name: body.name,
      description: body.description,
      languages: JSON.stringify(body.languages),
      created_by: account.userId,
      created_at: now,
      updated_at: now,
    };
    await insertCommunity(db, row);
    return { community: toCommunity(row, 'lead') };
  });

  route(app, ctx, e.getCommunity, async ({ account, params }) => {
    const role = await requireMember(db, params.communityId, account.userId);
    return { community: toCommunity(await communityById(db, params.communityId), role) };
  });

  route(app, ctx, e.updateCommunity, {
    async authorize({ account, params }) {
      const role = await requireMember(db, params.communityId, account.userId);
      requireCan(role, 'community.edit');
      return role;
    },
    async handle({ params, body, access: role }) {
      if (Object.keys(body).length === 0) throw new StudioError('invalid_input', { issue: 'nothing to change' });
      await updateCommunity(db, params.communityId, body, ctx.now());
      return { community: toCommunity(await communityById(db, params.communityId), role) };
    },
  });
}
