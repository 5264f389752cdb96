import type { CallArgs } from '../../common/contract';
import type { IssuedCredential } from '../../common/credentials/hub-schemas';
import { StudioError } from '../../common/errors';
import { can } from '../../common/permissions';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import type { Db } from '../db/open';
import { myUserId } from '../sync/account';
import { myRoleIn, requireCommunityPermission } from '../sync/rules';
import { liveOf, liveOne, type LiveRecognition } from './records';
import { writeRecognition } from './write';

/**
 * Awards and the credentials the hub signs for them. A lead's award is a synced record written here,
 * offline if need be; the signed credential comes back through sync, to the holder and the leads.
 */

function toIssued(r: LiveRecognition<'credential'>, revokedHere: number | null = null): IssuedCredential {
  const f = r.fields;
  return {
    id: r.id,
    communityId: r.communityId,
    holderId: f.holderId,
    achievementId: f.achievementId,
    issuedAt: f.issuedAt,
    // A lead's revocation shows at once, before the hub confirms it through sync.
    revokedAt: f.revokedAt ?? revokedHere,
    credential: f.document,
  };
}

/** Newest first: a lead's studio holds the community's, anyone else's only their own (the hub sends no other). */
export function listCredentials(db: Db, communityId: string): { credentials: IssuedCredential[]; pending: PendingAward[] } {
  const me = myUserId(db);
  const role = myRoleIn(db, communityId);
  const everyone = role !== null && can(role, 'credential.view');
  const awards = everyone ? liveOf(db, 'award', communityId) : [];
  const revokedHere = new Map(awards.map((a) => [a.id, a.fields.revokedAt]));
  const credentials = liveOf(db, 'credential', communityId)
    .filter((c) => everyone || c.fields.holderId === me)
    .map((c) => toIssued(c, revokedHere.get(c.id) ?? null))
    .sort((a, b) => b.issuedAt - a.issuedAt || b.id.localeCompare(a.id));
  const signed = new Set(credentials.map((c) => c.id));
  const pending = awards
    .filter((a) => !signed.has(a.id))
    .map((a) => ({ id: a.id, holderId: a.fields.recipientId, achievementId: a.fields.achievementId }));
  return { credentials, pending };
}

export interface PendingAward {
  id: string;
  holderId: string;
  achievementId: string;
}

export function credentialById(db: Db, communityId: string, credentialId: string): IssuedCredential {
  const found = liveOne(db, 'credential', credentialId);
  if (!found || found.communityId !== communityId) throw new StudioError('credential_not_found', { credentialId });
  return toIssued(found);
}

/** The language the credential is written in: the one asked for, else the achievement's first. */
function languageFor(texts: Record<string, unknown>, asked: string | undefined): string {
  if (asked === undefined) return Object.keys(texts)[0]!;
  if (!Object.hasOwn(texts, asked))
    throw new StudioError('invalid_input', { path: 'language', issue: 'not a language of the achievement' });
  return asked;
}

export function awardAchievement(ctx: CoreContext, args: CallArgs<'credentials.award'>): { id: string } {
  const { communityId, holderId, achievementId, evidence, note } = args;
  requireCommunityPermission(ctx.db, communityId, 'credential.award', false);
  const achievement = liveOne(ctx.db, 'achievement', achievementId);
  if (!achievement || achievement.communityId !== communityId)
    throw new StudioError('not_found', { entity: 'achievement', id: achievementId });
  if (achievement.fields.retiredAt !== null) throw new StudioError('achievement_retired');
  const language = languageFor(achievement.fields.texts, args.language);
  const id = newId();
  ctx.db.transaction(() => {
    writeRecognition(
      ctx,
      { entity: 'award', id, communityId },
      { achievementId, recipientId: holderId, language, note, evidence, revokedAt: null },
    );
  })();
  ctx.bus.emit('credentials.changed', { communityId });
  return { id };
}

export function revokeCredential(ctx: CoreContext, { communityId, credentialId }: CallArgs<'credentials.revoke'>): void {
  requireCommunityPermission(ctx.db, communityId, 'credential.revoke', false);
  const award = liveOne(ctx.db, 'award', credentialId);
  if (!award || award.communityId !== communityId) throw new StudioError('credential_not_found', { credentialId });
  if (award.fields.revokedAt !== null) return;
  ctx.db.transaction(() => {
    writeRecognition(ctx, { entity: 'award', id: credentialId, communityId, ownerId: award.ownerId }, { revokedAt: ctx.now() });
  })();
  ctx.bus.emit('credentials.changed', { communityId });
}
