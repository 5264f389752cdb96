import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { StudioError } from '../../common/errors';
import { hubEndpoints, type Community } from '../../common/hub-api';
import type { Role } from '../../common/permissions';
import { requireCan, requireMember } from '../communities/membership';
import type { HubContext } from '../context';
import type { HubDatabase } from '../db/schema';

export const communityParamsSchema = z.object({ communityId: z.uuid() });

export function toCommunity(row: HubDatabase['communities'], myRole: Role): Community {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    languages: JSON.parse(row.languages) as string[],
    createdAt: row.created_at,
    myRole,
  };
}

export function communityRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { db } = ctx;
  const e = hubEndpoints;

  app.get(e.listCommunities.path, async (request) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const rows = await db
      .selectFrom('communities')
      .innerJoin('members', 'members.community_id', 'communities.id')
      .selectAll('communities')
      .select('members.role')
      .where('members.user_id', '=', user.userId)
      .orderBy('communities.name')
      .execute();
    return { communities: rows.map((row) => toCommunity(row, row.role)) };
  });

  app.post(e.createCommunity.path, async (request, reply) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const body = e.createCommunity.body.parse(request.body);
    const now = ctx.now();
    const row = {
      id: uuidv7(),
      name: body.name,
      description: body.description,
      languages: JSON.stringify(body.languages),
      created_by: user.userId,
      created_at: now,
      updated_at: now,
    };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('communities').values(row).execute();
      await trx.insertInto('members').values({ community_id: row.id, user_id: user.userId, role: 'lead', joined_at: now }).execute();
    });
    void reply.status(201);
    return { community: toCommunity(row, 'lead') };
  });

  app.get(e.getCommunity.path, async (request) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const { communityId } = communityParamsSchema.parse(request.params);
    const role = await requireMember(db, communityId, user.userId);
    const row = await db.selectFrom('communities').selectAll().where('id', '=', communityId).executeTakeFirstOrThrow();
    return { community: toCommunity(row, role) };
  });

  app.patch(e.updateCommunity.path, async (request) => {
    const user = await ctx.authenticate(request.headers.authorization);
    const { communityId } = communityParamsSchema.parse(request.params);
    const role = await requireMember(db, communityId, user.userId);
    requireCan(role, 'community.edit');
    const body = e.updateCommunity.body.parse(request.body);
    if (Object.keys(body).length === 0) throw new StudioError('invalid_input', { issue: 'nothing to change' });
    await db
      .updateTable('communities')
      .set({
        ...(body.name !== undefined && { name: body.name }),
        ...(body.description !== undefined && { description: body.description }),
        ...(body.languages !== undefined && { languages: JSON.stringify(body.languages) }),
        updated_at: ctx.now(),
      })
      .where('id', '=', communityId)
      .execute();
    const row = await db.selectFrom('communities').selectAll().where('id', '=', communityId).executeTakeFirstOrThrow();
    return { community: toCommunity(row, role) };
  });
}
