import { boxAt } from '../../common/blur-geometry';
import type { BlurKey, BlurRegion, BlurState } from '../../common/schemas/blur';
import {
  BLUR_RECORD_MAX_KEYS,
  BLUR_RECORD_MAX_KEYS_PER_REGION,
  BLUR_RECORD_MAX_REGIONS,
  type SharedBlurRegion,
} from '../../common/sync/blur-record';
import type { BlurRegionsFields } from '../../common/sync/entities';
import { blurRegionsEntity } from '../../common/sync/entities';
import type { CoreContext } from '../app/context';
import { lessonDuration } from '../library/queries';
import { myUserId } from '../sync/account';
import { emitChange, ownLessonTarget, type ChangeWriter } from '../sync/local-changes';
import { getRecord, isLive } from '../sync/records';
import { getShare, ownShareWith } from '../sync/shares';
import { listRegions } from './store';

const round = (v: number) => Math.round(v * 10_000) / 10_000;
const roundKey = (k: BlurKey): BlurKey => ({
  t: k.t,
  x: round(k.x),
  y: round(k.y),
  w: Math.max(0.0001, round(k.w)),
  h: Math.max(0.0001, round(k.h)),
});

/**
 * Drops the keys a straight line between their neighbours already places within `tolerance` (a
 * fraction of the picture): a face that sits still needs two keys, not one per sampled frame.
 */
function thinKeys(keys: BlurKey[], tolerance: number): BlurKey[] {
  if (keys.length <= 2 || tolerance <= 0) return keys;
  const kept = [keys[0]!];
  for (let i = 1; i < keys.length - 1; i++) {
    const between = boxAt({ startMs: 0, endMs: Number.MAX_SAFE_INTEGER, keys: [kept[kept.length - 1]!, keys[i + 1]!] }, keys[i]!.t)!;
    const k = keys[i]!;
    const off = Math.max(Math.abs(between.x - k.x), Math.abs(between.y - k.y), Math.abs(between.w - k.w), Math.abs(between.h - k.h));
    if (off > tolerance) kept.push(k);
  }
  kept.push(keys[keys.length - 1]!);
  return kept;
}

/**
 * The regions a blurred copy was made from, as they travel: the ones the teacher kept, boxes rounded
 * to a ten-thousandth of the picture, keys thinned (more coarsely only when a crowded lesson would
 * exceed the record's bounds).
 */
export function sharedRegions(regions: BlurRegion[]): SharedBlurRegion[] {
  const kept = regions.filter((r) => !r.removed && r.keys.length > 0).slice(0, BLUR_RECORD_MAX_REGIONS);
  for (const tolerance of [0.002, 0.01, 0.03, 0.1]) {
    const out = kept.map((r) => ({
      id: r.id,
      source: r.source,
      startMs: r.startMs,
      endMs: r.endMs,
      keys: thinKeys(r.keys.map(roundKey), tolerance),
    }));
    const fits = out.every((r) => r.keys.length <= BLUR_RECORD_MAX_KEYS_PER_REGION);
    if (fits && out.reduce((n, r) => n + r.keys.length, 0) <= BLUR_RECORD_MAX_KEYS) return out;
  }
  return kept.map((r) => ({ id: r.id, source: r.source, startMs: r.startMs, endMs: r.endMs, keys: [roundKey(r.keys[0]!)] }));
}

/**
 * Brings the hub's record of where a shared lesson was blurred in line with its share, inside the
 * share's transaction: written when the blurred copy travels (a blurred share needs the copy to
 * match the regions, so they describe exactly what was sent), taken off when the lesson is shared
 * unblurred again. Edits made after sharing change nothing there until the teacher shares the new copy.
 */
export function syncBlurShare(ctx: ChangeWriter, lessonId: string): void {
  const existing = getRecord(ctx.db, 'blurRegions', lessonId);
  const target = ownShareWith(ctx.db, lessonId, 'facesBlurred');
  const me = myUserId(ctx.db);
  if (!target) {
    if (!isLive(existing) || !me || existing.ownerId !== me || !getShare(ctx.db, lessonId)) return;
    emitChange(ctx, ownLessonTarget('blurRegions', lessonId, existing.communityId, me), null);
    return;
  }
  const fields: BlurRegionsFields = {
    lessonId,
    ownerId: target.me,
    durationMs: lessonDuration(ctx.db, lessonId)?.durationMs ?? 0,
    regions: sharedRegions(listRegions(ctx.db, lessonId)),
  };
  emitChange(ctx, ownLessonTarget('blurRegions', lessonId, target.communityId, target.me), fields as never);
}

/**
 * Where the teacher blurred a lesson shared with this device, read-only; checked again here, since
 * the record came from another device: none arrived, or one that does not hold, reads as nothing blurred.
 */
export function receivedBlur(ctx: Pick<CoreContext, 'db'>, lessonId: string): BlurState {
  const record = getRecord(ctx.db, 'blurRegions', lessonId);
  const parsed = isLive(record) ? blurRegionsEntity.fields.safeParse(record.fields) : null;
  const none: BlurState = {
    lessonId,
    status: 'none',
    mode: null,
    durationMs: 0,
    regions: [],
    undoable: 0,
    copy: 'none',
    source: 'community',
  };
  if (!parsed?.success || parsed.data.lessonId !== lessonId) return none;
  const f = parsed.data;
  return { ...none, status: 'ready', durationMs: f.durationMs, regions: f.regions.map((r) => ({ ...r, removed: false })) };
}

/** When a lesson is shared (or its share changed), its regions go, stay or leave as the copy sent says. */
export function watchBlurShares(ctx: ChangeWriter): () => void {
  return ctx.events.on('lesson.shared', ({ lessonId }) => syncBlurShare(ctx, lessonId));
}
