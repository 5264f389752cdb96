import type { LessonCredit } from '../../common/schemas/credit';
import type { Consent, LessonFields } from '../../common/sync/entities';
import type { Licence } from '../../common/licence';
import type { Db } from '../db/open';
import { readSettings } from '../settings/settings';
import { myUserId, readAccount } from './account';
import { memberName } from './community-cache';
import { lessonOrigin } from './ownership';
import { getRecord, isLive } from './records';
import { getShare } from './shares';

interface CreditRow {
  licence: Licence;
  author_id: string | null;
  author_name: string;
  consent: string | null;
  community_id: string | null;
  community_name: string | null;
}

function communityNameOf(db: Db, id: string): string {
  return (db.prepare('SELECT name FROM communities WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? '';
}

/**
 * What travels with every copy of a lesson (docs/pcircle-format.md, "credit"). The community's
 * record says it for a shared lesson; a lesson from a package keeps what its package said until its
 * hub is reached; a lesson made here and never shared is its person's own, all rights reserved.
 */
export function lessonCredit(db: Db, lessonId: string): LessonCredit {
  const share = getShare(db, lessonId);
  const record = getRecord(db, 'lesson', lessonId);
  if (share && isLive(record)) {
    const fields = record.fields as LessonFields;
    const mine = share.ownerId === myUserId(db);
    return {
      licence: fields.licence,
      authorId: share.ownerId,
      authorName: memberName(db, share.communityId, share.ownerId) ?? (mine ? (readAccount(db)?.displayName ?? '') : ''),
      consent: fields.consent,
      community: { id: share.communityId, name: communityNameOf(db, share.communityId) },
    };
  }
  const row = db.prepare('SELECT * FROM lesson_credits WHERE lesson_id = ?').get(lessonId) as CreditRow | undefined;
  if (row) {
    return {
      licence: row.licence,
      authorId: row.author_id,
      authorName: row.author_name,
      consent: row.consent ? (JSON.parse(row.consent) as Consent) : null,
      community:
        row.community_id !== null || row.community_name
          ? { id: row.community_id, name: (row.community_id && communityNameOf(db, row.community_id)) || (row.community_name ?? '') }
          : null,
    };
  }
  if (lessonOrigin(db, lessonId) === 'local') {
    return {
      licence: 'all_rights_reserved',
      authorId: myUserId(db),
      authorName: readAccount(db)?.displayName || readSettings(db).displayName,
      consent: null,
      community: null,
    };
  }
  // A copy whose author nobody recorded (an older package): nothing may be assumed but the default.
  const archive = db
    .prepare('SELECT a.exported_by, a.community_name FROM lessons l JOIN archives a ON a.id = l.archive_id WHERE l.id = ?')
    .get(lessonId) as { exported_by: string; community_name: string | null } | undefined;
  return {
    licence: 'all_rights_reserved',
    authorId: share?.ownerId ?? null,
    authorName: share ? (memberName(db, share.communityId, share.ownerId) ?? '') : '',
    consent: null,
    community: share
      ? { id: share.communityId, name: communityNameOf(db, share.communityId) || (archive?.community_name ?? '') }
      : archive?.community_name
        ? { id: null, name: archive.community_name }
        : null,
  };
}

/** Saves what a package says of a lesson it brought (format 3), for as long as the lesson is its archive copy. */
export function saveArchiveCredit(db: Db, lessonId: string, archiveId: string, credit: LessonCredit): void {
  db.prepare(
    `INSERT INTO lesson_credits (lesson_id, archive_id, licence, author_id, author_name, consent, community_id, community_name)
     VALUES (@lessonId, @archiveId, @licence, @authorId, @authorName, @consent, @communityId, @communityName)
     ON CONFLICT (lesson_id) DO UPDATE SET archive_id = excluded.archive_id, licence = excluded.licence, author_id = excluded.author_id,
       author_name = excluded.author_name, consent = excluded.consent, community_id = excluded.community_id, community_name = excluded.community_name`,
  ).run({
    lessonId,
    archiveId,
    licence: credit.licence,
    authorId: credit.authorId,
    authorName: credit.authorName,
    consent: credit.consent ? JSON.stringify(credit.consent) : null,
    communityId: credit.community?.id ?? null,
    communityName: credit.community?.name ?? null,
  });
}
