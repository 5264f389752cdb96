import path from 'node:path';
import fs from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import type { Consent, LessonFields } from '../../common/sync/entities';
import type { CoreContext } from '../app/context';
import { writeAtomically } from '../library/files';
import { posterTimeMs } from '../library/pipeline';
import { lessonAssets } from '../library/queries';
import { makePoster } from '../media/poster';
import { blurState } from './blur';

type Ctx = Omit<CoreContext, 'jobs'>;

/** The lesson shows faces: the search found some, or the teacher marked some, and kept them. */
export function showsFaces(ctx: Pick<CoreContext, 'db' | 'now'>, lessonId: string): boolean {
  return blurState(ctx, lessonId).regions.some((r) => !r.removed && r.source !== 'fixed');
}

/**
 * The consent record a share carries, checked against what it sends. When the lesson shows faces and
 * consent for learners' images is not on file, the blurred copy goes; the unblurred video only on the
 * teacher's explicit choice, which the record keeps. Whether the faces were blurred is the studio's
 * to say, from what it sends, never the caller's.
 */
export function shareConsent(
  ctx: Pick<CoreContext, 'db' | 'now'>,
  lessonId: string,
  mediaKind: LessonFields['mediaKind'],
  consent: Consent,
): Consent {
  const blurred = mediaKind === 'blurred';
  if (blurred) {
    const state = blurState(ctx, lessonId);
    if (state.copy !== 'current') throw new StudioError('share_not_ready', { media: 'blurred' });
    return { ...consent, facesBlurred: true, unblurredChosen: false };
  }
  const needsChoice = mediaKind !== 'audio' && !consent.onFile && showsFaces(ctx, lessonId);
  if (needsChoice && !consent.unblurredChosen) throw new StudioError('blur_choice_required', { lessonId });
  return { ...consent, facesBlurred: false, unblurredChosen: needsChoice };
}

/**
 * The poster of a blurred share comes from the blurred copy (the library's poster shows the faces);
 * a blurred share sends no sprite, whose pictures come from the original.
 */
export async function blurredPoster(
  ctx: Ctx,
  lessonId: string,
  durationMs: number,
): Promise<{ relPath: string; mime: string } | undefined> {
  const copy = lessonAssets(ctx.db, lessonId).find((a) => a.kind === 'blurred');
  if (!copy) return undefined;
  const relPath = path.join(lessonId, 'blurred-poster.jpg');
  const file = path.join(ctx.paths.media, relPath);
  const copyFile = path.join(ctx.paths.media, copy.relPath);
  const [posterStat, copyStat] = await Promise.all([fs.stat(file).catch(() => null), fs.stat(copyFile)]);
  if (!posterStat || posterStat.mtimeMs < copyStat.mtimeMs)
    await writeAtomically(file, (tmp) => makePoster(ctx.requireTools(), copyFile, tmp, { atMs: posterTimeMs(durationMs) }));
  return { relPath, mime: 'image/jpeg' };
}
