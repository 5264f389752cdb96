import { StudioError } from '../../common/errors';
import { can, type Operation, type Role } from '../../common/permissions';
import type { Db } from '../db/open';
import { myUserId } from './account';
import { lessonOrigin } from './ownership';
import { getShare } from './shares';

/**
 * What the device lets a person do to shared things, by the same permission table the hub enforces:
 * refusing here keeps an op the hub would reject from ever being written.
 */

export function myRoleIn(db: Db, communityId: string): Role | null {
  const row = db.prepare('SELECT my_role FROM communities WHERE id = ?').get(communityId) as { my_role: Role } | undefined;
  return row?.my_role ?? null;
}

export function requireCommunityPermission(db: Db, communityId: string, operation: Operation, isOwner: boolean): void {
  const role = myRoleIn(db, communityId);
  if (!role || !can(role, operation, { isOwner })) throw new StudioError('forbidden', { operation });
}

function isMine(db: Db, authorId: string | null): boolean {
  return authorId === null || authorId === myUserId(db);
}

function isArchive(db: Db, lessonId: string): boolean {
  return lessonOrigin(db, lessonId) === 'archive';
}

/** A lesson from a community keeps its details as its owner wrote them; one from a package is read-only. */
export function assertLessonEditable(db: Db, lessonId: string): void {
  if (isArchive(db, lessonId)) throw new StudioError('forbidden', { operation: 'lesson.share' });
  const share = getShare(db, lessonId);
  if (share?.origin === 'hub' && share.ownerId !== myUserId(db)) throw new StudioError('forbidden', { operation: 'lesson.share' });
}

/** Only the owner of a lesson from a community (or a lead, by unsharing it) can remove it. */
export function assertLessonDeletable(db: Db, lessonId: string): void {
  const share = getShare(db, lessonId);
  if (share?.origin === 'hub' && share.ownerId !== myUserId(db)) throw new StudioError('forbidden', { operation: 'lesson.unshare' });
}

export function assertNoteEditable(db: Db, note: { authorId: string | null }): void {
  if (!isMine(db, note.authorId)) throw new StudioError('forbidden', { operation: 'note.edit' });
}

/** Someone else's note may be deleted only where the table allows it (a lead in that community). */
export function assertNoteDeletable(db: Db, note: { lessonId: string; authorId: string | null }): void {
  if (isMine(db, note.authorId)) return;
  const share = getShare(db, note.lessonId);
  if (!share) throw new StudioError('forbidden', { operation: 'note.delete' });
  requireCommunityPermission(db, share.communityId, 'note.delete', false);
}

/**
 * A note on a lesson from a package is its reader's own and stays on this device: the archive is not
 * the community's copy, so there is nobody it could be shared with. The hub's copy, once it arrives,
 * lets the person share their notes from then on.
 */
export function assertNoteSharable(db: Db, lessonId: string, isPrivate: boolean): void {
  if (!isPrivate && isArchive(db, lessonId)) throw new StudioError('forbidden', { operation: 'note.add' });
}

/**
 * The teacher's own lessons keep notes private unless they say otherwise; a community's lessons get
 * shared notes; a package's lessons only private ones.
 */
export function defaultNotePrivacy(db: Db, lessonId: string): boolean {
  if (isArchive(db, lessonId)) return true;
  const share = getShare(db, lessonId);
  return !(share?.origin === 'hub' && share.ownerId !== myUserId(db));
}
