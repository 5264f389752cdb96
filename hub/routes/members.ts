import type { FastifyInstance } from 'fastify';
import { hubEndpoints } from '../../common/hub-api';
import { changeRole, membersOf, removeMember, requireCan, requireMember } from '../communities/membership';
import type { HubContext } from '../context';
import { route } from '../http/route';

export function memberRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { db } = ctx;
  const e = hubEndpoints;

  route(app, ctx, e.listMembers, async ({ account, params }) => {
    await requireMember(db, params.communityId, account.userId);
    return { members: await membersOf(db, params.communityId) };
  });

  route(app, ctx, e.changeRole, {
    async authorize({ account, params }) {
      requireCan(await requireMember(db, params.communityId, account.userId), 'member.changeRole');
    },
    async handle({ params, body }) {
      await changeRole(db, params.communityId, params.userId, body.role);
    },
  });

  route(app, ctx, e.removeMember, async ({ account, params }) => {
    const leaving = params.userId === account.userId;
    requireCan(await requireMember(db, params.communityId, account.userId), leaving ? 'community.leave' : 'member.remove');
    await removeMember(db, params.communityId, params.userId);
  });
}
