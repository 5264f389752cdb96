import type { Db } from '../db/open';
import type { HubClient } from '../hub/client';
import type { ApplyEffects } from './projection';
import { communityIds, replaceMembers, saveCommunity } from './community-cache';
import { forgetCommunity } from './forget';

/**
 * The first step of a sync cycle after the clock check: communities the person no longer belongs to
 * are forgotten (what left the library goes into `effects`); the others and their members are cached.
 */
export async function refreshCommunities(db: Db, client: HubClient, effects: ApplyEffects, now: () => number): Promise<void> {
  const { communities } = await client.call('listCommunities');
  const listed = new Set(communities.map((c) => c.id));
  for (const id of communityIds(db)) {
    if (listed.has(id)) continue;
    const { removed, touched } = forgetCommunity(db, id);
    for (const lessonId of removed) effects.removedLessons.add(lessonId);
    for (const lessonId of touched) effects.lessonIds.add(lessonId);
  }
  const at = now();
  db.transaction(() => communities.forEach((c) => saveCommunity(db, c, at)))();
  for (const c of communities) {
    const { members } = await client.call('listMembers', { params: { communityId: c.id } });
    replaceMembers(db, c.id, members);
  }
}
