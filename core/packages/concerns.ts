import { exportConcerns } from '../../common/licence';
import type { LicenceConcern, PackageTarget } from '../../common/schemas/package';
import type { Db } from '../db/open';
import { itemRows } from '../collections/queries';
import { getLessonRow } from '../library/queries';
import { myUserId } from '../sync/account';
import { lessonCredit } from '../sync/credit';
import { lessonOrigin } from '../sync/ownership';
import type { Selection } from './select';

/**
 * The lessons of an export whose licence forbids the copy: a package or a web folder both leave the
 * community's hub, which a lesson shared "all rights reserved" (for the community only) may not; a
 * clip is a derivative, which a "no derivatives" licence forbids. The person's own lessons are theirs.
 */
export function licenceConcerns(db: Db, target: PackageTarget, selection: Selection): LicenceConcern[] {
  const clips = new Map<string, boolean>();
  if (target.kind === 'lesson') clips.set(target.id, false);
  else
    for (const item of itemRows(db, target.id).filter((i) => selection.readyItemIds.has(i.id)))
      clips.set(item.lessonId, (clips.get(item.lessonId) ?? false) || item.startMs !== null);
  const me = myUserId(db);
  const concerns: LicenceConcern[] = [];
  for (const [lessonId, clip] of clips) {
    if (!selection.lessonIds.includes(lessonId)) continue;
    const credit = lessonCredit(db, lessonId);
    const mine = lessonOrigin(db, lessonId) === 'local' || (me !== null && credit.authorId === me);
    const reasons = exportConcerns(credit.licence, { mine, clip });
    if (reasons.length)
      concerns.push({
        lessonId,
        title: getLessonRow(db, lessonId)?.title ?? '',
        authorName: credit.authorName,
        licence: credit.licence,
        reasons,
      });
  }
  return concerns;
}
