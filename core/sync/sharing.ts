import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../common/errors';
import type { CallArgs } from '../../common/contract';
import type { ShareDetails } from '../../common/schemas/sharing';
import type { LessonFields } from '../../common/sync/entities';
import type { CoreContext } from '../app/context';
import { blurredPoster, shareConsent } from '../blur/share-rules';
import { librarySha256 } from '../library/checksums';
import { writeAtomically } from '../library/files';
import { getLessonRow, lessonAssets } from '../library/queries';
import { queueTransfer, type TransferRole } from '../transfers/queries';
import { readAccount } from './account';
import { makeAudioCopy } from './audio-copy';
import { memberName } from './community-cache';
import { isAuthoredHere } from './ownership';
import { emitChange, emitUnshare, lessonDetailFields, syncNoteChange } from './local-changes';
import { getRecord, isLive } from './records';
import { requireCommunityPermission } from './rules';
import { getShare, saveShare } from './shares';

type Ctx = Omit<CoreContext, 'jobs'>;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A file a share may send: a library asset, or (with no id) a copy made for the share. */
type ShareSource = { id: string | null; relPath: string; mime: string };

interface ShareFile {
  role: TransferRole;
  relPath: string;
  mime: string;
  sha256: string;
  size: number;
}

/**
 * The files a share sends: what the teacher chose to travel (the proxy by default, only the sound,
 * or the original), plus the poster, sprite and waveform when the lesson has them. Their sha256 names
 * the blobs on the hub: the library's remembered one while a file is unchanged, else computed.
 */
async function shareFiles(ctx: Ctx, lessonId: string, mediaKind: LessonFields['mediaKind'], durationMs: number): Promise<ShareFile[]> {
  const assets = lessonAssets(ctx.db, lessonId);
  const found = (kind: string) => assets.find((a) => a.kind === kind);
  let media: ShareSource | undefined;
  if (mediaKind === 'audio') {
    const source = found('original');
    if (!source) throw new StudioError('share_not_ready', { media: 'original' });
    const relPath = path.join(lessonId, 'audio.m4a');
    const file = path.join(ctx.paths.media, relPath);
    const exists = await fs.stat(file).then(
      () => true,
      () => false,
    );
    if (!exists)
      await writeAtomically(file, (tmp) => makeAudioCopy(ctx.requireTools(), path.join(ctx.paths.media, source.relPath), tmp, durationMs));
    media = { id: null, relPath, mime: 'audio/mp4' };
  } else {
    media = found(mediaKind);
    if (!media) throw new StudioError('share_not_ready', { media: mediaKind });
  }
  const blurred = mediaKind === 'blurred';
  const made = blurred ? await blurredPoster(ctx, lessonId, durationMs) : undefined;
  const poster: ShareSource | undefined = made ? { id: null, ...made } : blurred ? undefined : found('poster');
  const picked: Array<[TransferRole, ShareSource | undefined]> = [
    ['media', media],
    ['poster', poster],
    ['sprite', blurred ? undefined : found('sprite')],
    ['peaks', found('peaks')],
  ];
  const files: ShareFile[] = [];
  for (const [role, asset] of picked) {
    if (!asset) continue;
    const { sha256, size } = await librarySha256(ctx.db, asset.id, path.join(ctx.paths.media, asset.relPath));
    files.push({ role, relPath: asset.relPath, mime: asset.mime, sha256, size });
  }
  return files;
}

/**
 * Shares a lesson recorded or imported here into one community, with the consent record the teacher
 * gave. Works offline: the lesson op waits in the outbox, and its uploads in the transfer queue, and
 * other members see the lesson only once its media has arrived. Sharing an already shared lesson
 * again updates its consent, licence and duration.
 */
export async function shareLesson(ctx: Ctx, args: CallArgs<'sharing.share'>): Promise<ShareDetails> {
  const { db } = ctx;
  const account = readAccount(db);
  if (!account) throw new StudioError('unauthorized');
  const lesson = getLessonRow(db, args.lessonId);
  if (!lesson) throw new StudioError('not_found', { entity: 'lesson', id: args.lessonId });
  const existing = getShare(db, args.lessonId);
  // Only a lesson made here can be shared as this person's: a copy from a community or a package is someone else's.
  if (existing?.origin === 'hub' || !isAuthoredHere(db, args.lessonId)) throw new StudioError('forbidden', { operation: 'lesson.share' });
  if (existing && existing.communityId !== args.communityId) throw new StudioError('conflict', { reason: 'shared_elsewhere' });
  requireCommunityPermission(db, args.communityId, 'lesson.share', true);
  if (lesson.status !== 'ready') throw new StudioError('share_not_ready', { status: lesson.status });

  const consent = shareConsent(ctx, args.lessonId, args.mediaKind, args.consent);
  const files = await shareFiles(ctx, args.lessonId, args.mediaKind, lesson.durationMs ?? 0);
  const media = files.find((f) => f.role === 'media')!;
  const sha = (role: TransferRole) => files.find((f) => f.role === role)?.sha256 ?? null;
  const now = ctx.now();
  const record = getRecord(db, 'lesson', args.lessonId);
  // The share's duration counts from when it was first given, not from each later edit of it.
  const sharedAt = existing?.sharedAt ?? now;
  const fields: LessonFields = {
    ownerId: account.userId,
    ...(lessonDetailFields(lesson) as Pick<LessonFields, 'title' | 'description' | 'subject' | 'grade' | 'language'>),
    country: account.country,
    durationMs: lesson.durationMs ?? 0,
    mediaKind: args.mediaKind,
    mediaSha: media.sha256,
    mediaBytes: media.size,
    posterSha: sha('poster'),
    spriteSha: sha('sprite'),
    peaksSha: sha('peaks'),
    consent,
    licence: args.licence,
    expiresAt: args.consent.durationDays === null ? null : sharedAt + args.consent.durationDays * DAY_MS,
  };
  db.transaction(() => {
    saveShare(db, { lessonId: args.lessonId, communityId: args.communityId, origin: 'local', ownerId: account.userId, sharedAt });
    const target = {
      entity: 'lesson' as const,
      id: args.lessonId,
      communityId: args.communityId,
      lessonId: args.lessonId,
      ownerId: account.userId,
      authorId: account.userId,
    };
    emitChange(ctx, target, fields as never);
    ctx.events.emit('lesson.shared', { lessonId: args.lessonId });
    // Notes the teacher already made public go with a lesson shared for the first time.
    if (!isLive(record)) {
      for (const { id } of db.prepare('SELECT id FROM notes WHERE lesson_id = ? AND parent_id IS NULL').all(args.lessonId) as Array<{
        id: string;
      }>) {
        syncNoteChange(ctx, id);
        for (const reply of db.prepare('SELECT id FROM notes WHERE parent_id = ?').all(id) as Array<{ id: string }>)
          syncNoteChange(ctx, reply.id);
      }
    }
    for (const f of files) {
      queueTransfer(
        db,
        {
          direction: 'upload',
          communityId: args.communityId,
          lessonId: args.lessonId,
          role: f.role,
          sha256: f.sha256,
          sizeBytes: f.size,
          mime: f.mime,
          relPath: f.relPath,
        },
        now,
      );
    }
  })();
  ctx.bus.emit('library.changed', { lessonIds: [args.lessonId] });
  return shareDetails(ctx, args.lessonId)!;
}

/**
 * Takes a lesson out of its community. Its owner can always; a lead can for anyone's lesson (the
 * permission table). A lesson from someone else leaves this library at once; the hub removes it from
 * other members' devices at their next sync.
 */
export async function unshareLesson(ctx: Ctx, lessonId: string): Promise<void> {
  const { db } = ctx;
  const share = getShare(db, lessonId);
  const account = readAccount(db);
  if (!share || !account) throw new StudioError('not_found', { entity: 'share', id: lessonId });
  const mine = share.ownerId === account.userId;
  requireCommunityPermission(db, share.communityId, 'lesson.unshare', mine);
  const leaves = share.origin === 'hub' && !isAuthoredHere(db, lessonId);
  db.transaction(() => {
    emitUnshare(ctx, share, account.userId);
    if (leaves) db.prepare('DELETE FROM lessons WHERE id = ?').run(lessonId);
  })();
  if (leaves) await fs.rm(ctx.paths.lessonDir(lessonId), { recursive: true, force: true });
  ctx.bus.emit('library.changed', { lessonIds: [lessonId] });
}

export function shareDetails(ctx: Ctx, lessonId: string): ShareDetails | null {
  const { db } = ctx;
  const share = getShare(db, lessonId);
  const record = getRecord(db, 'lesson', lessonId);
  if (!share || !isLive(record)) return null;
  const fields = record.fields as LessonFields;
  const account = readAccount(db);
  const community = db.prepare('SELECT name FROM communities WHERE id = ?').get(share.communityId) as { name: string } | undefined;
  const download = db
    .prepare(`SELECT state FROM transfers WHERE lesson_id = ? AND direction = 'download' AND role = 'media'`)
    .get(lessonId) as { state: ShareDetails['download'] } | undefined;
  const mine = share.ownerId === account?.userId;
  return {
    lessonId,
    communityId: share.communityId,
    communityName: community?.name ?? '',
    origin: share.origin,
    ownerId: share.ownerId,
    ownerName: memberName(db, share.communityId, share.ownerId) ?? (mine ? (account?.displayName ?? '') : ''),
    country: fields.country ?? null,
    mine,
    sharedAt: share.sharedAt,
    download: download?.state ?? null,
    consent: fields.consent,
    licence: fields.licence,
    mediaKind: fields.mediaKind,
    expiresAt: fields.expiresAt ?? null,
  };
}
