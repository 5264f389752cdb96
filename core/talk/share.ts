import type { Consent, TalkAnalysisFields } from '../../common/sync/entities';
import type { TalkAnalysis } from '../../common/schemas/talk';
import type { CoreContext } from '../app/context';
import { myUserId } from '../sync/account';
import { emitChange, type ChangeWriter } from '../sync/local-changes';
import { getRecord, isLive } from '../sync/records';
import { getShare } from '../sync/shares';

/**
 * Whether the teacher's shared lesson carries its talk analysis: only when the consent record given
 * when sharing says so ("Share the talk analysis", off by default). Anything else (a lesson not
 * shared, a share without the tick, a lesson from someone else) keeps the analysis on this device.
 */
function sharedWithTalk(ctx: Pick<CoreContext, 'db'>, lessonId: string): { communityId: string; me: string } | null {
  const share = getShare(ctx.db, lessonId);
  const me = myUserId(ctx.db);
  if (!share || share.origin !== 'local' || !me || share.ownerId !== me) return null;
  const lesson = getRecord(ctx.db, 'lesson', lessonId);
  if (!isLive(lesson) || (lesson.fields.consent as Consent | undefined)?.talkAnalysis !== true) return null;
  return { communityId: share.communityId, me };
}

/**
 * Brings the hub's copy of a lesson's talk analysis in line with the teacher's choice and the
 * analysis as it now reads (corrections applied): created or changed when it is to travel, taken
 * off the hub when the tick was removed. Runs inside the caller's transaction (a share, a
 * correction, a finished analysis), so the op and the change commit together.
 */
export function syncTalkShare(ctx: ChangeWriter, lessonId: string, analysis: () => TalkAnalysis): void {
  const existing = getRecord(ctx.db, 'talkAnalysis', lessonId);
  const target = sharedWithTalk(ctx, lessonId);
  if (!target) {
    if (!isLive(existing)) return;
    const share = getShare(ctx.db, lessonId);
    const me = myUserId(ctx.db);
    // Only the teacher takes it down; an unshared lesson's analysis went with the lesson already.
    if (!share || !me || existing.ownerId !== me) return;
    const t = { entity: 'talkAnalysis' as const, id: lessonId, communityId: existing.communityId, lessonId, ownerId: me, authorId: me };
    emitChange(ctx, t, null);
    return;
  }
  const a = analysis();
  if (a.status !== 'ready' || !a.figures) return;
  const fields: TalkAnalysisFields = {
    lessonId,
    ownerId: target.me,
    durationMs: a.durationMs,
    segments: a.segments,
    figures: a.figures,
    twoAdults: a.twoAdults,
  };
  const t = {
    entity: 'talkAnalysis' as const,
    id: lessonId,
    communityId: target.communityId,
    lessonId,
    ownerId: target.me,
    authorId: target.me,
  };
  emitChange(ctx, t, fields as never);
}

/** A teacher's analysis as the community received it, for a lesson shared with this device; null when not shared. */
export function receivedTalk(ctx: Pick<CoreContext, 'db'>, lessonId: string): TalkAnalysis | null {
  const record = getRecord(ctx.db, 'talkAnalysis', lessonId);
  if (!isLive(record)) return null;
  const f = record.fields as unknown as TalkAnalysisFields;
  return {
    lessonId,
    status: 'ready',
    source: 'community',
    twoAdults: f.twoAdults === true,
    durationMs: f.durationMs,
    segments: f.segments,
    figures: f.figures,
  };
}
