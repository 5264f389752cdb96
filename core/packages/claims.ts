import { StudioError } from '../../common/errors';
import type { Db } from '../db/open';
import { myUserId } from '../sync/account';
import { lessonClaim, refusalOf } from '../sync/ownership';
import { getShare } from '../sync/shares';
import { ARCHIVE_AUTHOR, type PackageCollection, type PackageLesson } from './format';

/**
 * What a package may do to this library, decided by owner and community, never by id alone (ids
 * travel in every package). A package that claims something this studio made, or a copy of someone
 * else's work under another owner or community, is refused whole before anything is written (the
 * library stays exactly as it was). A lesson of this person's own that comes home in a package
 * (a collection with it, exported by its lead) is simply left as it is here.
 */

export interface PackageClaims {
  /** Lessons this studio made that the package carries too: the library's own copy stays untouched. */
  ownLessons: Set<string>;
  /** The package's collection was made here: it stays as it is, items and all. */
  ownCollection: boolean;
}

function refuse(title: string): never {
  throw new StudioError('package_conflict', { title });
}

function lessonTitle(db: Db, id: string): string {
  return (db.prepare('SELECT title FROM lessons WHERE id = ?').get(id) as { title: string } | undefined)?.title ?? '';
}

function sameBinding(claim: { communityId: string | null; ownerId: string | null }, share: PackageLesson['share']): boolean {
  return claim.communityId === (share?.communityId ?? null) && claim.ownerId === (share?.ownerId ?? null);
}

/**
 * Whether a package's copy of a lesson made here is this studio's own coming home: never shared, or
 * shared by this person in the community it is shared with here. Any other share is a claim on it.
 */
function comesHome(db: Db, l: PackageLesson): boolean {
  if (l.share === null) return true;
  const share = getShare(db, l.id);
  return l.share.ownerId === myUserId(db) && share?.origin === 'local' && share.communityId === l.share.communityId;
}

function checkLessonParts(db: Db, l: PackageLesson): void {
  const me = myUserId(db);
  for (const n of l.notes) {
    const local = db.prepare('SELECT lesson_id, author_id FROM notes WHERE id = ?').get(n.id) as
      { lesson_id: string; author_id: string | null } | undefined;
    if (!local) continue;
    const localIsMine = local.author_id === null || local.author_id === me;
    const sameAuthor = localIsMine ? n.authorId !== null && n.authorId === me : (n.authorId ?? ARCHIVE_AUTHOR) === local.author_id;
    if (local.lesson_id !== l.id || !sameAuthor) refuse(l.title);
  }
  for (const c of l.clips) {
    const local = db.prepare('SELECT lesson_id FROM clips WHERE id = ?').get(c.id) as { lesson_id: string } | undefined;
    if (local && local.lesson_id !== l.id) refuse(l.title);
  }
  for (const r of l.shared) {
    if (r.communityId !== l.share?.communityId || refusalOf(db, r)) refuse(l.title);
  }
}

/** Whether the package's collection is one made here coming home (left as it is); throws on a claim. */
function checkCollection(db: Db, c: PackageCollection): boolean {
  const local = db.prepare('SELECT title, origin, community_id, owner_id FROM collections WHERE id = ?').get(c.id) as
    { title: string; origin: 'local' | 'hub' | 'archive'; community_id: string | null; owner_id: string | null } | undefined;
  if (local && (local.community_id !== c.communityId || local.owner_id !== c.ownerId)) refuse(local.title);
  for (const item of c.items) {
    const held = db.prepare('SELECT collection_id FROM collection_items WHERE id = ?').get(item.id) as
      { collection_id: string } | undefined;
    if (held && held.collection_id !== c.id) refuse(c.title);
  }
  return local?.origin === 'local';
}

/**
 * Checks every claim the package makes on this library; throws `package_conflict` (naming what it
 * claimed) on the first that does not hold. Run when the import is asked for, and again inside the
 * transaction that writes it.
 */
export function checkPackageClaims(db: Db, pkg: { lessons: PackageLesson[]; collection: PackageCollection | null }): PackageClaims {
  const ownLessons = new Set<string>();
  for (const l of pkg.lessons) {
    const claim = lessonClaim(db, l.id);
    if (claim?.kind === 'authored') {
      if (!comesHome(db, l)) refuse(lessonTitle(db, l.id));
      ownLessons.add(l.id);
      continue;
    }
    if (claim && !sameBinding(claim, l.share)) refuse(lessonTitle(db, l.id));
    checkLessonParts(db, l);
  }
  return { ownLessons, ownCollection: pkg.collection !== null && checkCollection(db, pkg.collection) };
}
