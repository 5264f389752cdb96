import fs from 'node:fs/promises';
import path from 'node:path';
import type { CallArgs } from '../../common/contract';
import { StudioError } from '../../common/errors';
import type { Clip } from '../../common/schemas/clip';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import type { StoredJob } from '../jobs/queries';
import { getLessonRow } from '../library/queries';
import { deleteClip, getClip, insertClip, listClips, renameClip, type StoredClip } from './queries';

const publicClip = ({ exportRelPath: _exportRelPath, ...clip }: StoredClip): Clip => clip;

function requireClip(ctx: CoreContext, id: string): StoredClip {
  const clip = getClip(ctx.db, id);
  if (!clip) throw new StudioError('not_found', { entity: 'clip', id });
  return clip;
}

export function clipsOf(ctx: CoreContext, lessonId: string): Clip[] {
  if (!getLessonRow(ctx.db, lessonId)) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
  return listClips(ctx.db, lessonId).map(publicClip);
}

/** A clip is only a named range until it is exported: nothing is re-encoded when it is saved. */
export function addClip(ctx: CoreContext, args: CallArgs<'clips.add'>): Clip {
  const lesson = getLessonRow(ctx.db, args.lessonId);
  if (!lesson) throw new StudioError('not_found', { entity: 'lesson', id: args.lessonId });
  if (lesson.durationMs !== null && args.startMs >= lesson.durationMs)
    throw new StudioError('range_invalid', { startMs: args.startMs, durationMs: lesson.durationMs });
  const now = ctx.now();
  const clip: Clip = {
    id: newId(),
    ...args,
    endMs: lesson.durationMs !== null ? Math.min(args.endMs, lesson.durationMs) : args.endMs,
    exportAssetId: null,
    createdAt: now,
    updatedAt: now,
  };
  insertClip(ctx.db, clip);
  return clip;
}

export function renameExistingClip(ctx: CoreContext, { id, name }: CallArgs<'clips.rename'>): Clip {
  requireClip(ctx, id);
  renameClip(ctx.db, id, name, ctx.now());
  return publicClip(requireClip(ctx, id));
}

export async function removeClip(ctx: CoreContext, id: string): Promise<void> {
  const clip = requireClip(ctx, id);
  for (const job of ctx.jobs.list(clip.lessonId)) {
    if (job.kind === 'clip' && job.params.clipId === id && (job.status === 'queued' || job.status === 'running')) ctx.jobs.cancel(job.id);
  }
  deleteClip(ctx.db, id);
  if (clip.exportRelPath) await fs.rm(path.join(ctx.paths.media, clip.exportRelPath), { force: true });
}

export function exportClipJob(ctx: CoreContext, id: string): StoredJob {
  const clip = requireClip(ctx, id);
  return ctx.jobs.enqueue('clip', clip.lessonId, { clipId: id });
}

/** The exported MP4 of a clip, if its id names one: clip exports are served like any other asset. */
export function clipExportFile(ctx: CoreContext, id: string): { file: string; mime: string } | undefined {
  const clip = getClip(ctx.db, id);
  return clip?.exportRelPath ? { file: path.join(ctx.paths.media, clip.exportRelPath), mime: 'video/mp4' } : undefined;
}
