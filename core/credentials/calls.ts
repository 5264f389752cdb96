import { ok, type CallsOf } from '../app/calls';
import type { CoreContext } from '../app/context';
import type { SyncService } from '../sync/service';
import { bakeCredential } from './png-baking';
import { badgeImage, fileNameFor } from './files';
import { cacheCredentials, cachedCredential, cachedCredentials } from './store';
import { eligibleMembers } from './rules';
import { StudioError } from '../../common/errors';

/** Open Badges credentials: awarded and signed on the hub, kept here for offline reading, exported and verified here. */
export function credentialsCalls(ctx: Omit<CoreContext, 'jobs'>, sync: SyncService): CallsOf<'credentials'> {
  const { db } = ctx;
  const client = () => sync.session.requireClient();
  return {
    'credentials.list': async ({ communityId }) => {
      try {
        const { credentials } = await client().call('listCredentials', { params: { communityId } });
        cacheCredentials(db, communityId, credentials);
        return { credentials, fresh: true };
      } catch (err) {
        if (!(err instanceof StudioError) || (err.code !== 'hub_unreachable' && err.code !== 'unauthorized')) throw err;
        return { credentials: cachedCredentials(db, communityId), fresh: false };
      }
    },
    'credentials.award': async ({ communityId, ...body }) => {
      const { credential } = await client().call('awardCredential', { params: { communityId }, body });
      cacheCredentials(db, communityId, [credential, ...cachedCredentials(db, communityId)]);
      return credential;
    },
    'credentials.revoke': async ({ communityId, credentialId }) => {
      await client().call('revokeCredential', { params: { communityId, credentialId } });
      const now = ctx.now();
      const list = cachedCredentials(db, communityId).map((c) => (c.id === credentialId ? { ...c, revokedAt: c.revokedAt ?? now } : c));
      cacheCredentials(db, communityId, list);
      return ok;
    },
    'credentials.export': async ({ communityId, credentialId, format }) => {
      const { credential } = cachedCredential(db, communityId, credentialId);
      if (format === 'json') {
        const text = JSON.stringify(credential, null, 2);
        return { fileName: fileNameFor(credential, 'json'), mime: 'application/ld+json', base64: Buffer.from(text).toString('base64') };
      }
      const png = bakeCredential(await badgeImage(credential), credential);
      return { fileName: fileNameFor(credential, 'png'), mime: 'image/png', base64: png.toString('base64') };
    },
    'credentials.qr': async ({ communityId, credentialId }) => {
      const png = await (await import('./qr')).credentialQrPng(cachedCredential(db, communityId, credentialId).credential);
      return { dataUrl: `data:image/png;base64,${png.toString('base64')}` };
    },
    'credentials.verify': async ({ base64 }) =>
      // The verifier's libraries (jsonld, the cryptosuite, the contexts) load with the first verification.
      (await import('./verify-file')).verifyCredentialFile(Buffer.from(base64, 'base64')),
    'credentials.eligible': async ({ communityId, rule }) => eligibleMembers(db, communityId, rule),
  };
}
