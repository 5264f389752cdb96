import type { Achievement } from '../../common/credentials/calls';
import type { CallArgs } from '../../common/contract';
import { StudioError } from '../../common/errors';
import { can } from '../../common/permissions';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import type { Db } from '../db/open';
import { myRoleIn, requireCommunityPermission } from '../sync/rules';
import { liveOf, liveOne, type LiveRecognition } from './records';
import { writeRecognition } from './write';

/** A community's achievements: leads define, edit and retire them; they reach every member through sync. */

function toAchievement(db: Db, r: LiveRecognition<'achievement'>): Achievement {
  const role = myRoleIn(db, r.communityId);
  return {
    id: r.id,
    communityId: r.communityId,
    texts: r.fields.texts,
    image: r.fields.image,
    rule: r.fields.rule,
    retiredAt: r.fields.retiredAt,
    editable: role !== null && can(role, 'achievement.edit'),
  };
}

/** Those in use first, in the order they were defined; retired ones after. */
export function listAchievements(db: Db, communityId: string): Achievement[] {
  const all = liveOf(db, 'achievement', communityId).map((r) => toAchievement(db, r));
  return [...all.filter((a) => a.retiredAt === null), ...all.filter((a) => a.retiredAt !== null)];
}

export function getAchievement(db: Db, id: string): Achievement {
  const record = liveOne(db, 'achievement', id);
  if (!record) throw new StudioError('not_found', { entity: 'achievement', id });
  return toAchievement(db, record);
}

export function saveAchievement(ctx: CoreContext, args: CallArgs<'credentials.saveAchievement'>): Achievement {
  const { communityId, id, texts, image, rule } = args;
  requireCommunityPermission(ctx.db, communityId, 'achievement.edit', false);
  const existing = id ? liveOne(ctx.db, 'achievement', id) : null;
  if (id && (!existing || existing.communityId !== communityId)) throw new StudioError('not_found', { entity: 'achievement', id });
  const achievementId = existing?.id ?? newId();
  const fields = { texts, image, rule, retiredAt: existing?.fields.retiredAt ?? null };
  ctx.db.transaction(() => {
    writeRecognition(ctx, { entity: 'achievement', id: achievementId, communityId, ownerId: existing?.ownerId }, fields);
  })();
  ctx.bus.emit('credentials.changed', { communityId });
  return getAchievement(ctx.db, achievementId);
}

/** Retired, not deleted: credentials awarded for it keep naming it. */
export function retireAchievement(ctx: CoreContext, id: string): void {
  const existing = liveOne(ctx.db, 'achievement', id);
  if (!existing) throw new StudioError('not_found', { entity: 'achievement', id });
  requireCommunityPermission(ctx.db, existing.communityId, 'achievement.edit', false);
  if (existing.fields.retiredAt !== null) return;
  ctx.db.transaction(() => {
    writeRecognition(
      ctx,
      { entity: 'achievement', id, communityId: existing.communityId, ownerId: existing.ownerId },
      {
        retiredAt: ctx.now(),
      },
    );
  })();
  ctx.bus.emit('credentials.changed', { communityId: existing.communityId });
}
