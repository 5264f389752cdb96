import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../common/errors';
import type { CoreContext } from '../app/context';
import type { JobHandler } from '../jobs/queue';
import { writeAtomically } from '../library/files';
import { lessonAssets } from '../library/queries';
import { exportClip } from '../media/clip';
import { getClip, setClipExport } from './queries';

/**
 * Exports a saved clip to a stand-alone MP4 beside the lesson's media. It reads the best source the
 * library has (the original, else its playable copy) and replaces any earlier export of the clip.
 */
export function clipJobHandler(ctx: Omit<CoreContext, 'jobs'>): JobHandler {
  return async ({ job, signal, progress }) => {
    const clipId = typeof job.params.clipId === 'string' ? job.params.clipId : '';
    const clip = getClip(ctx.db, clipId);
    if (!clip) throw new StudioError('not_found', { entity: 'clip', id: clipId });
    const assets = lessonAssets(ctx.db, clip.lessonId);
    const source = assets.find((a) => a.kind === 'original') ?? assets.find((a) => a.kind === 'playable');
    if (!source) throw new StudioError('not_found', { entity: 'asset', id: `${clip.lessonId}/original` });
    const relPath = path.join(clip.lessonId, 'clips', `${clip.id}.mp4`);
    const target = path.join(ctx.paths.media, relPath);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await writeAtomically(target, (tmp) =>
      exportClip(ctx.requireTools(), path.join(ctx.paths.media, source.relPath), tmp, {
        startMs: clip.startMs,
        endMs: clip.endMs,
        signal,
        onProgress: progress,
      }),
    );
    // The clip may have been deleted while it was being exported.
    if (getClip(ctx.db, clipId)) setClipExport(ctx.db, clipId, relPath, ctx.now());
    else await fs.rm(target, { force: true });
  };
}
