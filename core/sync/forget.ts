import type { Db } from '../db/open';
import { communityIds } from './community-cache';
import { dropCommunityOps } from './outbox';
import { isAuthoredHere } from './ownership';
import { deleteCommunityRecords } from './records';
import { sharesIn } from './shares';

/**
 * Forgets a community this device no longer belongs to (left, removed, or another account signed in):
 * its lessons from others leave the library, the lessons made here stay but are no longer marked
 * shared, pending ops and transfers for it are dropped. Returns the lessons that left the library,
 * whose media folders the caller removes after the transaction.
 */
export function forgetCommunity(db: Db, communityId: string): { removed: string[]; touched: string[] } {
  const shares = sharesIn(db, communityId);
  // What this studio made stays, whatever share a package or a pull once attached to it.
  const removed = shares.filter((s) => s.origin === 'hub' && !isAuthoredHere(db, s.lessonId)).map((s) => s.lessonId);
  db.transaction(() => {
    for (const id of removed) db.prepare('DELETE FROM lessons WHERE id = ?').run(id);
    db.prepare('DELETE FROM lesson_shares WHERE community_id = ?').run(communityId);
    db.prepare('DELETE FROM transfers WHERE community_id = ?').run(communityId);
    dropCommunityOps(db, communityId);
    deleteCommunityRecords(db, communityId);
    db.prepare('DELETE FROM communities WHERE id = ?').run(communityId);
  })();
  return { removed, touched: shares.map((s) => s.lessonId) };
}

/** Everything community-related, when a different account signs in on this device. */
export function forgetAllCommunities(db: Db): { removed: string[]; touched: string[] } {
  const all = { removed: [] as string[], touched: [] as string[] };
  for (const id of communityIds(db)) {
    const one = forgetCommunity(db, id);
    all.removed.push(...one.removed);
    all.touched.push(...one.touched);
  }
  // Records and ops of communities this device never cached a row for.
  db.prepare('DELETE FROM sync_records').run();
  db.prepare('DELETE FROM outbox').run();
  return all;
}
