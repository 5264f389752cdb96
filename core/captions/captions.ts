import type { CallArgs } from '../../common/contract';
import { StudioError } from '../../common/errors';
import type { CaptionTrack } from '../../common/schemas/caption';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { getLessonRow } from '../library/queries';
import { parseCaptionFile } from './parse';
import { deleteTrack, insertTrack, listTracks, trackText } from './queries';

function requireLesson(ctx: CoreContext, lessonId: string): void {
  if (!getLessonRow(ctx.db, lessonId)) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
}

export function tracksOf(ctx: CoreContext, lessonId: string): CaptionTrack[] {
  requireLesson(ctx, lessonId);
  return listTracks(ctx.db, lessonId);
}

/** A refused file changes nothing: it is parsed in full before anything is stored. */
export function importCaptions(ctx: CoreContext, args: CallArgs<'captions.import'>): CaptionTrack {
  requireLesson(ctx, args.lessonId);
  const parsed = parseCaptionFile(args.name, args.text);
  const track: CaptionTrack = {
    id: newId(),
    lessonId: args.lessonId,
    label: args.name.replace(/\.(vtt|srt)$/i, '').slice(0, 200),
    language: args.language,
    cueCount: parsed.cues.length,
    createdAt: ctx.now(),
  };
  insertTrack(ctx.db, { ...track, vtt: parsed.vtt });
  return track;
}

export function captionText(ctx: CoreContext, id: string): string {
  const vtt = trackText(ctx.db, id);
  if (vtt === undefined) throw new StudioError('not_found', { entity: 'captions', id });
  return vtt;
}

export function removeCaptions(ctx: CoreContext, id: string): void {
  if (!deleteTrack(ctx.db, id)) throw new StudioError('not_found', { entity: 'captions', id });
}
