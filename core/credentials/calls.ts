import { ok, type CallsOf } from '../app/calls';
import type { CoreContext } from '../app/context';
import { bakeCredential } from './png-baking';
import { badgeImage, fileNameFor } from './files';
import { listAchievements, retireAchievement, saveAchievement } from './achievements';
import { awardAchievement, credentialById, listCredentials, revokeCredential } from './awards';
import { liveOne } from './records';
import { eligibleMembers } from './rules';

/**
 * Open Badges credentials: achievements and awards are synced records written here; the hub signs
 * each award and the credential comes back through sync, so everything reads from this studio's
 * database, offline too. Exports and verification happen here.
 */
export function credentialsCalls(ctx: CoreContext): CallsOf<'credentials'> {
  const { db } = ctx;
  ctx.events.on('credentials.pulled', ({ communityId }) => ctx.bus.emit('credentials.changed', { communityId }));
  return {
    'credentials.achievements': async ({ communityId }) => listAchievements(db, communityId),
    'credentials.saveAchievement': async (args) => saveAchievement(ctx, args),
    'credentials.retireAchievement': async ({ id }) => {
      retireAchievement(ctx, id);
      return ok;
    },
    'credentials.list': async ({ communityId }) => listCredentials(db, communityId),
    'credentials.award': async (args) => awardAchievement(ctx, args),
    'credentials.revoke': async (args) => {
      revokeCredential(ctx, args);
      return ok;
    },
    'credentials.export': async ({ communityId, credentialId, format }) => {
      const { credential, achievementId } = credentialById(db, communityId, credentialId);
      if (format === 'json') {
        const text = JSON.stringify(credential, null, 2);
        return { fileName: fileNameFor(credential, 'json'), mime: 'application/ld+json', base64: Buffer.from(text).toString('base64') };
      }
      const png = bakeCredential(badgeImage(liveOne(db, 'achievement', achievementId)?.fields.image ?? null), credential);
      return { fileName: fileNameFor(credential, 'png'), mime: 'image/png', base64: png.toString('base64') };
    },
    'credentials.qr': async ({ communityId, credentialId }) => {
      const png = await (await import('./qr')).credentialQrPng(credentialById(db, communityId, credentialId).credential);
      return { dataUrl: `data:image/png;base64,${png.toString('base64')}` };
    },
    'credentials.verify': async ({ base64 }) =>
      // The verifier's libraries (jsonld, the cryptosuite, the contexts) load with the first verification.
      (await import('./verify-file')).verifyCredentialFile(Buffer.from(base64, 'base64')),
    'credentials.eligible': async ({ communityId, rule }) => eligibleMembers(db, communityId, rule),
  };
}
