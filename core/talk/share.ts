import type { TalkAnalysisFields } from '../../common/sync/entities';
import type { TalkAnalysis } from '../../common/schemas/talk';
import type { CoreContext } from '../app/context';
import { myUserId } from '../sync/account';
import { emitChange, ownLessonTarget, type ChangeWriter } from '../sync/local-changes';
import { getRecord, isLive } from '../sync/records';
import { getShare, ownShareWith } from '../sync/shares';

/**
 * Brings the hub's copy of a lesson's talk analysis in line with the teacher's choice and the
 * analysis as it now reads (corrections applied): created or changed when it is to travel, taken
 * off the hub when the tick was removed. Runs inside the caller's transaction (a share, a
 * correction, a finished analysis), so the op and the change commit together.
 */
export function syncTalkShare(ctx: ChangeWriter, lessonId: string, analysis: () => TalkAnalysis): void {
  const existing = getRecord(ctx.db, 'talkAnalysis', lessonId);
  const target = ownShareWith(ctx.db, lessonId, 'talkAnalysis');
  if (!target) {
    if (!isLive(existing)) return;
    const share = getShare(ctx.db, lessonId);
    const me = myUserId(ctx.db);
    // Only the teacher takes it down; an unshared lesson's analysis went with the lesson already.
    if (!share || !me || existing.ownerId !== me) return;
    emitChange(ctx, ownLessonTarget('talkAnalysis', lessonId, existing.communityId, me), null);
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
  emitChange(ctx, ownLessonTarget('talkAnalysis', lessonId, target.communityId, target.me), fields as never);
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
