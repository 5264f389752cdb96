import path from 'node:path';
import type { LessonFields } from '../../common/sync/entities';
import { parseHlc } from '../../common/sync/hlc';
import type { Db } from '../db/open';
import { getLessonRow, insertLesson, updateLesson } from '../library/queries';
import { readSettings } from '../settings/settings';
import { queueTransfer, type TransferRole } from '../transfers/queries';
import { dropLessonUpserts } from './outbox';
import { isAuthoredHere, lessonOrigin } from './ownership';
import type { SyncRecord } from './records';
import { deleteShare, getShare, saveShare } from './shares';

/** Where a lesson's shared files go in the library, and what the library calls them. */
export function remoteFile(lessonId: string, role: TransferRole, mediaKind: LessonFields['mediaKind']): { relPath: string; mime: string } {
  const name = {
    poster: 'poster.jpg',
    sprite: 'sprite.jpg',
    peaks: 'peaks.json',
    media: { proxy: 'proxy.mp4', blurred: 'proxy.mp4', audio: 'audio.m4a', original: 'original.media' }[mediaKind],
  }[role];
  const mime = {
    poster: 'image/jpeg',
    sprite: 'image/jpeg',
    peaks: 'application/json',
    media: mediaKind === 'audio' ? 'audio/mp4' : 'video/mp4',
  }[role];
  return { relPath: path.join(lessonId, name), mime };
}

function details(fields: Partial<LessonFields>) {
  return {
    ...(fields.title !== undefined && { title: fields.title }),
    ...(fields.description !== undefined && { description: fields.description }),
    ...(fields.subject !== undefined && { subject: fields.subject ?? '' }),
    ...(fields.grade !== undefined && { grade: fields.grade ?? '' }),
    ...(fields.language !== undefined && { language: fields.language ?? '' }),
  };
}

const blobRoles: Array<[TransferRole, keyof LessonFields]> = [
  ['poster', 'posterSha'],
  ['peaks', 'peaksSha'],
  ['sprite', 'spriteSha'],
  ['media', 'mediaSha'],
];

/** Queues what a lesson from a community needs: pictures and waveform always, the video if the settings say so. */
function queueDownloads(db: Db, record: SyncRecord, changed: Partial<LessonFields>, now: number, force = false): void {
  const fields = record.fields as LessonFields;
  const auto = readSettings(db).autoDownloadShared;
  for (const [role, field] of blobRoles) {
    const sha = fields[field];
    if (typeof sha !== 'string' || (!(field in changed) && !force)) continue;
    if (role === 'media' && !auto && !force) continue;
    const file = remoteFile(record.id, role, fields.mediaKind);
    queueTransfer(
      db,
      {
        direction: 'download',
        communityId: record.communityId,
        lessonId: record.id,
        role,
        sha256: sha,
        sizeBytes: role === 'media' ? fields.mediaBytes : 0,
        ...file,
      },
      now,
    );
  }
}

/** Asks for a lesson's video now, whatever the automatic download setting says. */
export function queueLessonMedia(db: Db, record: SyncRecord, now: number): void {
  const fields = record.fields as LessonFields;
  const file = remoteFile(record.id, 'media', fields.mediaKind);
  queueTransfer(
    db,
    {
      direction: 'download',
      communityId: record.communityId,
      lessonId: record.id,
      role: 'media',
      sha256: fields.mediaSha,
      sizeBytes: fields.mediaBytes,
      ...file,
    },
    now,
  );
}

/**
 * Brings a synced lesson record into the library. A lesson recorded here only takes the details its
 * owner changed on another device; one from a community is created (read-only, with downloads queued)
 * or updated.
 */
export function projectLesson(db: Db, record: SyncRecord, changed: Partial<LessonFields>, now: number): void {
  const fields = record.fields as LessonFields;
  const row = getLessonRow(db, record.id);
  const share = getShare(db, record.id);
  if (row && share?.origin !== 'hub') {
    updateLesson(db, record.id, details(changed), now);
    if (!share)
      saveShare(db, { lessonId: record.id, communityId: record.communityId, origin: 'local', ownerId: record.ownerId, sharedAt: now });
    return;
  }
  if (!row) {
    const sharedAt = parseHlc(record.createdHlc).wallMs;
    insertLesson(db, {
      id: record.id,
      title: fields.title,
      status: 'ready',
      source: 'import',
      originalName: null,
      durationMs: fields.durationMs,
      width: null,
      height: null,
      rotation: 0,
      videoCodec: null,
      audioCodec: null,
      now: sharedAt,
      origin: 'hub',
    });
    updateLesson(db, record.id, details(fields), sharedAt);
    saveShare(db, { lessonId: record.id, communityId: record.communityId, origin: 'hub', ownerId: record.ownerId, sharedAt });
    queueDownloads(db, record, fields, now);
    return;
  }
  updateLesson(db, record.id, details(changed), now);
  if (changed.durationMs !== undefined) db.prepare('UPDATE lessons SET duration_ms = ? WHERE id = ?').run(changed.durationMs, record.id);
  // A copy from a package becomes the community's own once its hub has said whose it is.
  if (share?.ownerId !== record.ownerId || lessonOrigin(db, record.id) === 'archive') {
    saveShare(db, {
      lessonId: record.id,
      communityId: record.communityId,
      origin: 'hub',
      ownerId: record.ownerId,
      sharedAt: share?.sharedAt ?? now,
    });
    db.prepare(`UPDATE lessons SET origin = 'hub' WHERE id = ?`).run(record.id);
  }
  queueDownloads(db, record, changed, now);
}

/**
 * A lesson's tombstone: one from a community leaves the library (its files are removed by the caller
 * once the transaction has committed); one made here just stops being shared, whatever its share says.
 */
export function removeLessonShare(db: Db, lessonId: string): 'deleted' | 'unshared' | 'absent' {
  const share = getShare(db, lessonId);
  if (!share) return 'absent';
  if (share.origin === 'hub' && !isAuthoredHere(db, lessonId)) {
    db.prepare('DELETE FROM lessons WHERE id = ?').run(lessonId);
    return 'deleted';
  }
  deleteShare(db, lessonId);
  dropLessonUpserts(db, lessonId);
  db.prepare(`DELETE FROM transfers WHERE lesson_id = ? AND direction = 'upload'`).run(lessonId);
  return 'unshared';
}
