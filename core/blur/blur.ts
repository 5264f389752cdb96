import { StudioError } from '../../common/errors';
import type { BlurBox, BlurState } from '../../common/schemas/blur';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { lessonAssets, lessonDuration } from '../library/queries';
import { getShare } from '../sync/shares';
import { receivedBlur } from './shared';
import {
  blurLesson,
  deleteRegion,
  dropEdit,
  editCount,
  getRegion,
  insertRegion,
  lastEdit,
  listRegions,
  recordEdit,
  regionsDigest,
  setEnd,
  setRemoved,
} from './store';

type Ctx = Pick<CoreContext, 'db' | 'now'>;

function durationOf(ctx: Ctx, lessonId: string): number {
  const lesson = lessonDuration(ctx.db, lessonId);
  if (!lesson) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
  return lesson.durationMs ?? 0;
}

/** What the teacher reviews: every region, the removed ones flagged, and whether the blurred copy still matches. */
export function blurState(ctx: Ctx, lessonId: string): BlurState {
  const durationMs = durationOf(ctx, lessonId);
  // Someone else's lesson shows where its teacher blurred it, never regions made here of their class.
  if (getShare(ctx.db, lessonId)?.origin === 'hub') return receivedBlur(ctx, lessonId);
  const regions = listRegions(ctx.db, lessonId);
  const meta = blurLesson(ctx.db, lessonId);
  const hasCopy = lessonAssets(ctx.db, lessonId).some((a) => a.kind === 'blurred');
  return {
    lessonId,
    status: meta?.detectedAt != null || regions.length > 0 ? 'ready' : 'none',
    mode: meta?.mode ?? null,
    durationMs,
    regions,
    undoable: editCount(ctx.db, lessonId),
    copy: !hasCopy ? 'none' : meta?.renderedDigest === regionsDigest(regions) ? 'current' : 'outdated',
    source: 'device',
  };
}

function regionOf(ctx: Ctx, lessonId: string, regionId: string) {
  const r = getRegion(ctx.db, lessonId, regionId);
  if (!r) throw new StudioError('not_found', { entity: 'blur_region', id: regionId });
  return r;
}

/** The teacher says a box is not a face: it stays, flagged, so undo can bring it back. */
export function removeRegion(ctx: Ctx, lessonId: string, regionId: string): BlurState {
  const r = regionOf(ctx, lessonId, regionId);
  if (!r.removed)
    ctx.db.transaction(() => {
      setRemoved(ctx.db, regionId, true);
      recordEdit(ctx.db, lessonId, regionId, 'remove', ctx.now());
    })();
  return blurState(ctx, lessonId);
}

/**
 * A box the teacher draws over a face the search missed, on one frame; it holds until `endMs` unless
 * it is then followed (the 'blur_follow' job, queued by the caller with the id answered).
 */
export function drawRegion(
  ctx: Ctx,
  a: { lessonId: string; atMs: number; endMs?: number; box: BlurBox },
): { state: BlurState; regionId: string } {
  const durationMs = durationOf(ctx, a.lessonId);
  const endMs = a.endMs ?? durationMs;
  checkBox(a.box);
  if (a.atMs > durationMs || endMs <= a.atMs || endMs > durationMs) throw new StudioError('blur_region_invalid', { atMs: a.atMs, endMs });
  const regionId = addRegion(ctx, a.lessonId, 'drawn', a.atMs, endMs, a.box);
  return { state: blurState(ctx, a.lessonId), regionId };
}

/** A region blurred all lesson long: a name on the board, a student's screen. */
export function addFixedRegion(ctx: Ctx, lessonId: string, box: BlurBox): BlurState {
  const durationMs = durationOf(ctx, lessonId);
  checkBox(box);
  addRegion(ctx, lessonId, 'fixed', 0, durationMs, box);
  return blurState(ctx, lessonId);
}

/** The teacher ends a drawn box where the face leaves the picture. */
export function endRegion(ctx: Ctx, a: { lessonId: string; regionId: string; endMs: number }): BlurState {
  const r = regionOf(ctx, a.lessonId, a.regionId);
  if (a.endMs <= r.startMs || a.endMs > durationOf(ctx, a.lessonId)) throw new StudioError('blur_region_invalid', { endMs: a.endMs });
  ctx.db.transaction(() => {
    setEnd(ctx.db, r.id, a.endMs);
    recordEdit(ctx.db, a.lessonId, r.id, 'end', ctx.now(), r.endMs);
  })();
  return blurState(ctx, a.lessonId);
}

/** Takes back the newest edit: a removed box returns, a drawn box or fixed region goes, an end moves back. */
export function undoEdit(ctx: Ctx, lessonId: string): BlurState {
  durationOf(ctx, lessonId);
  const edit = lastEdit(ctx.db, lessonId);
  if (edit)
    ctx.db.transaction(() => {
      if (edit.action === 'remove') setRemoved(ctx.db, edit.regionId, false);
      else if (edit.action === 'end' && edit.previousEndMs !== null) setEnd(ctx.db, edit.regionId, edit.previousEndMs);
      dropEdit(ctx.db, edit.seq);
      // The region's own row goes last: its edits go with it (ON DELETE CASCADE).
      if (edit.action === 'add') deleteRegion(ctx.db, edit.regionId);
    })();
  return blurState(ctx, lessonId);
}

function addRegion(ctx: Ctx, lessonId: string, source: 'drawn' | 'fixed', startMs: number, endMs: number, box: BlurBox): string {
  const id = newId();
  ctx.db.transaction(() => {
    insertRegion(ctx.db, lessonId, { id, source, startMs, endMs, keys: [{ t: startMs, ...box }] }, ctx.now());
    recordEdit(ctx.db, lessonId, id, 'add', ctx.now());
  })();
  return id;
}

function checkBox(b: BlurBox): void {
  if (b.x + b.w > 1.0001 || b.y + b.h > 1.0001) throw new StudioError('blur_region_invalid', { x: b.x, y: b.y });
}
