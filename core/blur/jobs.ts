import path from 'node:path';
import { StudioError } from '../../common/errors';
import { blurModeSchema } from '../../common/schemas/blur';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import type { JobContext } from '../jobs/queue';
import { lessonAssets } from '../library/queries';
import { probeMedia } from '../media/probe';
import type { MediaTools } from '../media/tools';
import { detectFaces } from './detect';
import { followBox } from './follow';
import { renderBlurred } from './render';
import { getRegion, listRegions, regionsDigest, replaceDetected, setKeys, setRenderedDigest } from './store';

type Ctx = Pick<CoreContext, 'db' | 'now' | 'paths'>;
type Job = Pick<JobContext, 'job' | 'signal' | 'progress'>;

/** The picture faces are looked for in: the proxy (small, quick to decode), else the playable copy or the original. */
function detectionSource(ctx: Ctx, lessonId: string): string {
  const assets = lessonAssets(ctx.db, lessonId);
  const found = (['proxy', 'playable', 'original'] as const).map((k) => assets.find((a) => a.kind === k)).find(Boolean);
  if (!found) throw new StudioError('not_found', { entity: 'asset', id: `${lessonId}/proxy` });
  return path.join(ctx.paths.media, found.relPath);
}

/**
 * The 'blur_detect' job: finds faces and keeps them as detected regions, replacing an earlier
 * search's (the teacher's own regions stay). Written only once whole: a failed or cancelled search
 * leaves the lesson's regions as they were.
 */
export async function runDetectJob(ctx: Ctx, tools: MediaTools, lessonId: string, { job, signal, progress }: Job): Promise<void> {
  const mode = blurModeSchema.catch('standard').parse(job.params.mode);
  const source = detectionSource(ctx, lessonId);
  const probe = await probeMedia(tools, source, { signal });
  if (!probe.hasVideo || !probe.width || !probe.height) throw new StudioError('blur_no_video', { lessonId });
  const { tracks } = await detectFaces(tools, source, {
    mode,
    durationMs: probe.durationMs,
    width: probe.width,
    height: probe.height,
    signal,
    onProgress: progress,
  });
  const regions = tracks.map((t) => ({ id: newId(), source: 'detected' as const, ...t }));
  replaceDetected(ctx.db, lessonId, regions, mode, ctx.now());
}

/**
 * The 'blur_render' job: the blurred copy from the original and the regions as they are when it
 * starts. Returns after the copy is written to `output`; the caller registers it as the lesson's
 * 'blurred' media version. The original is only read.
 */
export async function runRenderJob(ctx: Ctx, tools: MediaTools, lessonId: string, source: string, output: string, j: Job): Promise<void> {
  const regions = listRegions(ctx.db, lessonId);
  const probe = await probeMedia(tools, source, { signal: j.signal });
  if (!probe.hasVideo || !probe.width || !probe.height) throw new StudioError('blur_no_video', { lessonId });
  await renderBlurred(tools, source, output, {
    regions,
    durationMs: probe.durationMs,
    width: probe.width,
    height: probe.height,
    audioCodec: probe.hasAudio ? probe.audioCodec : null,
    signal: j.signal,
    onProgress: j.progress,
  });
  setRenderedDigest(ctx.db, lessonId, regionsDigest(regions));
}

/**
 * The 'blur_follow' job: a box the teacher drew on one frame follows its face forward through the
 * proxy (core/blur/follow.ts) until the face is lost, then holds there until the teacher ends it, as
 * an unfollowed box does. Cancelling it leaves the box holding. Its keys are written only if the box
 * is still there as drawn: an undo or a later change while it ran wins.
 */
export async function runFollowJob(ctx: Ctx, tools: MediaTools, lessonId: string, { job, signal, progress }: Job): Promise<void> {
  const regionId = typeof job.params.regionId === 'string' ? job.params.regionId : '';
  const drawn = getRegion(ctx.db, lessonId, regionId);
  if (!drawn || drawn.source !== 'drawn' || drawn.keys.length !== 1) return;
  const source = detectionSource(ctx, lessonId);
  const probe = await probeMedia(tools, source, { signal });
  if (!probe.hasVideo || !probe.width || !probe.height) throw new StudioError('blur_no_video', { lessonId });
  const start = drawn.keys[0]!;
  const { keys } = await followBox(tools, source, {
    startMs: start.t,
    endMs: drawn.endMs,
    box: { x: start.x, y: start.y, w: start.w, h: start.h },
    width: probe.width,
    height: probe.height,
    signal,
    onProgress: progress,
  });
  ctx.db.transaction(() => {
    const now = getRegion(ctx.db, lessonId, regionId);
    if (now && JSON.stringify(now.keys) === JSON.stringify(drawn.keys)) setKeys(ctx.db, regionId, keys);
  })();
}
