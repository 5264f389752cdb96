import type { FastifyInstance } from 'fastify';
import { StudioError } from '../../common/errors';
import { hubEndpoints } from '../../common/hub-api';
import { communityById } from '../communities/queries';
import { requireMember } from '../communities/membership';
import type { HubContext } from '../context';
import { revokedIndexes } from '../credentials/queries';
import { route } from '../http/route';

// The key and signing libraries (jsonld, the cryptosuite) load with the first credential request, not with every hub.
const keys = () => import('../credentials/issuer-keys');
const signing = () => import('../credentials/sign');

/**
 * Open Badges 3.0 (issue #19): who signs for a community, and each key's public status list. Awards
 * and revocations are synced records, signed as the hub applies them (hub/credentials/issue.ts).
 */
export function credentialRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { db } = ctx;
  const e = hubEndpoints;

  route(app, ctx, e.credentialIssuer, async ({ account, params }) => {
    await requireMember(db, params.communityId, account.userId);
    const issuer = await (await keys()).issuerFor(db, params.communityId, ctx.now());
    return { did: issuer.did, name: (await communityById(db, params.communityId)).name };
  });

  route(app, ctx, e.statusList, async ({ params }) => {
    const issuer = await (await keys()).issuerById(db, params.issuerId);
    if (!issuer) throw new StudioError('not_found', { issuerId: params.issuerId });
    return (await signing()).signStatusList(issuer, ctx.publicUrl, await revokedIndexes(db, issuer.id), new Date(ctx.now()));
  });
}
