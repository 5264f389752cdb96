import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { buildCredential } from '../../common/credentials/build';
import { StudioError } from '../../common/errors';
import { hubEndpoints } from '../../common/hub-api';
import { can } from '../../common/permissions';
import { userById } from '../auth/queries';
import { communityById } from '../communities/queries';
import { requireCan, requireMember, roleIn } from '../communities/membership';
import type { HubContext } from '../context';
import { credentialsOf, insertIssued, revokedIndexes, revokeIssued, toIssued } from '../credentials/queries';
import { takeStatusIndex } from '../credentials/status-index';
import { route } from '../http/route';

// The key and signing libraries (jsonld, the cryptosuite) load with the first credential request, not with every hub.
const keys = () => import('../credentials/issuer-keys');
const signing = () => import('../credentials/sign');

/** Open Badges 3.0 credentials signed with each community's issuer key (issue #19). */
export function credentialRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { db } = ctx;
  const e = hubEndpoints;

  route(app, ctx, e.credentialIssuer, async ({ account, params }) => {
    await requireMember(db, params.communityId, account.userId);
    const issuer = await (await keys()).issuerFor(db, params.communityId, ctx.now());
    return { did: issuer.did, name: (await communityById(db, params.communityId)).name };
  });

  route(app, ctx, e.awardCredential, {
    async authorize({ account, params }) {
      requireCan(await requireMember(db, params.communityId, account.userId), 'credential.award');
    },
    async handle({ account, params, body }) {
      if (!(await roleIn(db, params.communityId, body.holderId))) throw new StudioError('not_found', { holderId: body.holderId });
      const now = ctx.now();
      const issuer = await (await keys()).issuerFor(db, params.communityId, now);
      const community = await communityById(db, params.communityId);
      const holder = await userById(db, body.holderId);
      const index = await takeStatusIndex(db, issuer.id);
      const credentialId = uuidv7();
      const unsigned = buildCredential({
        credentialId,
        issuer: { did: issuer.did, name: community.name },
        holder: { id: holder.id, name: holder.displayName },
        achievement: body.achievement,
        evidence: body.evidence,
        note: body.note,
        issuedAt: new Date(now),
        status: { listUrl: (await signing()).statusListUrl(ctx.publicUrl, issuer.id), index },
      });
      const signed = await (await signing()).signCredential(issuer, unsigned);
      const row = {
        id: credentialId,
        community_id: params.communityId,
        issuer_id: issuer.id,
        holder_id: holder.id,
        achievement_id: body.achievement.id,
        status_index: index,
        credential: JSON.stringify(signed),
        issued_by: account.userId,
        issued_at: now,
        revoked_at: null,
      };
      await insertIssued(db, row);
      return { credential: toIssued(row) };
    },
  });

  route(app, ctx, e.listCredentials, async ({ account, params }) => {
    const role = await requireMember(db, params.communityId, account.userId);
    const everyone = can(role, 'credential.view', { isOwner: false });
    return { credentials: await credentialsOf(db, params.communityId, everyone ? null : account.userId) };
  });

  route(app, ctx, e.revokeCredential, {
    async authorize({ account, params }) {
      requireCan(await requireMember(db, params.communityId, account.userId), 'credential.revoke');
    },
    async handle({ params }) {
      const found = await revokeIssued(db, params.communityId, params.credentialId, ctx.now());
      if (!found) throw new StudioError('credential_not_found', { credentialId: params.credentialId });
    },
  });

  route(app, ctx, e.statusList, async ({ params }) => {
    const issuer = await (await keys()).issuerById(db, params.issuerId);
    if (!issuer) throw new StudioError('not_found', { issuerId: params.issuerId });
    return (await signing()).signStatusList(issuer, ctx.publicUrl, await revokedIndexes(db, issuer.id), new Date(ctx.now()));
  });
}
