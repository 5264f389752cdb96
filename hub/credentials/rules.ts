import { StudioError } from '../../common/errors';
import type { EntityName } from '../../common/sync/entities';
import type { RuleContext } from '../review/rules';

/**
 * Checks of awards that their schema cannot express, run before the hub applies one
 * (hub/sync/authorization.ts): the achievement exists here and is in use, the credential's language
 * is one it is written in, the recipient belongs to the community, and a revocation is for good.
 */
async function checkAward(ctx: RuleContext): Promise<void> {
  const { next, current } = ctx;
  if (!next) throw new StudioError('invalid_input', { path: 'action', issue: 'an award is revoked, never deleted' });
  if (current) {
    if (current.fields.revokedAt !== null && next.revokedAt !== current.fields.revokedAt) {
      throw new StudioError('invalid_input', { path: 'fields.revokedAt', issue: 'a revocation stays' });
    }
    return;
  }
  const achievementId = next.achievementId as string;
  const achievement = await ctx.record('achievement', achievementId);
  if (!achievement) throw new StudioError('not_found', { entity: 'achievement', id: achievementId });
  if (achievement.fields.retiredAt !== null) throw new StudioError('achievement_retired');
  if (!Object.hasOwn(achievement.fields.texts as object, next.language as string)) {
    throw new StudioError('invalid_input', { path: 'fields.language', issue: 'not a language of the achievement' });
  }
  const recipientId = next.recipientId as string;
  if (!(await ctx.roleOf(recipientId))) throw new StudioError('not_found', { entity: 'member', id: recipientId });
  if (next.revokedAt !== null) throw new StudioError('invalid_input', { path: 'fields.revokedAt', issue: 'an award starts unrevoked' });
}

export const credentialRules: Partial<Record<EntityName, (ctx: RuleContext) => Promise<void>>> = { award: checkAward };
