import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../common/errors';
import type { Lesson, LessonPatch } from '../../common/schemas/lesson';
import type { CoreContext } from '../app/context';
import { clipExportFile } from '../clips/clips';
import { syncLessonChange, syncLessonRemoval } from '../sync/local-changes';
import { assertLessonDeletable, assertLessonEditable } from '../sync/rules';
import { lessonStatusFromJobs } from './pipeline';
import { deleteLesson, getAsset, getLessonRow, lessonAssets, lessonTags, setLessonStatus, updateLesson } from './queries';

export function getLesson(ctx: CoreContext, id: string): Lesson {
  const row = getLessonRow(ctx.db, id);
  if (!row) throw new StudioError('not_found', { entity: 'lesson', id });
  const assets = lessonAssets(ctx.db, id);
  // A source Chromium cannot play is only watchable once its playable copy exists.
  const needsPlayable = ctx.jobs.list(id).some((j) => j.kind === 'playable');
  // A lesson from a community may have only the proxy it was shared with.
  const playback = assets.find((a) => a.kind === (needsPlayable ? 'playable' : 'original')) ?? assets.find((a) => a.kind === 'proxy');
  return {
    ...row,
    tags: lessonTags(ctx.db, id),
    assets: assets.map(({ relPath: _relPath, ...a }) => a),
    playbackAssetId: playback?.id ?? null,
  };
}

export function patchLesson(ctx: CoreContext, id: string, patch: LessonPatch): Lesson {
  getLesson(ctx, id);
  assertLessonEditable(ctx.db, id);
  ctx.db.transaction(() => {
    updateLesson(ctx.db, id, patch, ctx.now());
    syncLessonChange(ctx, id);
  })();
  ctx.bus.emit('library.changed', { lessonIds: [id] });
  return getLesson(ctx, id);
}

export async function removeLesson(ctx: CoreContext, id: string): Promise<void> {
  for (const job of ctx.jobs.list(id)) if (job.status === 'queued' || job.status === 'running') ctx.jobs.cancel(job.id);
  assertLessonDeletable(ctx.db, id);
  const deleted = ctx.db.transaction(() => {
    syncLessonRemoval(ctx, id);
    return deleteLesson(ctx.db, id);
  })();
  if (!deleted) throw new StudioError('not_found', { entity: 'lesson', id });
  await fs.rm(ctx.paths.lessonDir(id), { recursive: true, force: true });
  ctx.bus.emit('library.changed', { lessonIds: [id] });
}

/** Brings a lesson's status in line with its jobs after one of them settles. */
export function refreshLessonStatus(ctx: CoreContext, lessonId: string): void {
  const row = getLessonRow(ctx.db, lessonId);
  if (!row) return;
  const next = lessonStatusFromJobs(ctx.jobs.list(lessonId));
  if (next.status !== row.status || next.errorCode !== row.errorCode) {
    setLessonStatus(ctx.db, lessonId, next.status, next.errorCode, ctx.now());
    ctx.bus.emit('library.changed', { lessonIds: [lessonId] });
  }
}

/** Resolves an asset id to a file in the library; ids are the only way in, so no path from outside is ever opened. */
export function resolveAsset(ctx: CoreContext, assetId: string): { file: string; mime: string } {
  const asset = getAsset(ctx.db, assetId);
  if (!asset) {
    const clip = clipExportFile(ctx, assetId);
    if (clip) return clip;
    throw new StudioError('not_found', { entity: 'asset', id: assetId });
  }
  return { file: path.join(ctx.paths.media, asset.relPath), mime: asset.mime };
}
