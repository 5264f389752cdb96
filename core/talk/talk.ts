import { StudioError } from '../../common/errors';
import type { TalkAdults, TalkAnalysis, TalkCorrection } from '../../common/schemas/talk';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import type { JobContext } from '../jobs/queue';
import { lessonDuration } from '../library/queries';
import { probeStreams } from '../media/probe';
import type { MediaTools } from '../media/tools';
import { measureTalk } from './analyse';
import { labelSegments } from './cluster';
import { talkFigures } from './figures';
import { getShare } from '../sync/shares';
import { receivedTalk, syncTalkShare } from './share';
import { ANALYSIS_VERSION, addCorrection, corrections, loadAnalysis, saveAnalysis, setTwoAdults, twoAdults } from './store';

/**
 * The 'talk' job: measures the lesson's sound and keeps the segments. It starts over when it is
 * interrupted (a restart requeues it, as every media job); the measurement is only written once
 * whole, so a lesson never shows half an analysis.
 */
export async function runTalkJob(
  ctx: Pick<CoreContext, 'db' | 'now' | 'events'>,
  tools: MediaTools,
  source: string,
  lessonId: string,
  job: Pick<JobContext, 'signal' | 'progress'>,
): Promise<void> {
  const durationMs = lessonDuration(ctx.db, lessonId)?.durationMs ?? 0;
  const { streams } = await probeStreams(tools, source, { signal: job.signal });
  // A video without sound has nobody talking in it: an analysis of silence, not a failure.
  const measured = streams.some((s) => s.codec_type === 'audio')
    ? await measureTalk(tools, source, { durationMs, signal: job.signal, onProgress: job.progress })
    : { durationMs, segments: [] };
  ctx.db.transaction(() => {
    saveAnalysis(ctx.db, lessonId, { durationMs: measured.durationMs || durationMs, segments: measured.segments, now: ctx.now() });
    syncTalkShare(ctx, lessonId, () => talkAnalysis(ctx, lessonId));
  })();
}

/** The analysis as the teacher sees it: the job's segments, labelled with the teacher's corrections applied. */
export function talkAnalysis(ctx: Pick<CoreContext, 'db'>, lessonId: string): TalkAnalysis {
  if (!lessonDuration(ctx.db, lessonId)) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
  // Someone else's lesson shows only what its teacher shared, never an analysis made here of their class.
  if (getShare(ctx.db, lessonId)?.origin === 'hub') {
    const none: TalkAnalysis = {
      lessonId,
      status: 'none',
      source: 'community',
      twoAdults: false,
      durationMs: 0,
      segments: [],
      figures: null,
    };
    return receivedTalk(ctx, lessonId) ?? none;
  }
  const adults = twoAdults(ctx.db, lessonId);
  const stored = loadAnalysis(ctx.db, lessonId);
  if (!stored || stored.version !== ANALYSIS_VERSION)
    return { lessonId, status: 'none', source: 'device', twoAdults: adults, durationMs: 0, segments: [], figures: null };
  const labelled = labelSegments(stored.segments, corrections(ctx.db, lessonId), { twoAdults: adults });
  return {
    lessonId,
    status: 'ready',
    source: 'device',
    twoAdults: adults,
    durationMs: stored.durationMs,
    segments: labelled.map((s) => ({ startMs: s.startMs, endMs: s.endMs, label: s.label, corrected: s.corrected })),
    figures: talkFigures(labelled, stored.durationMs),
  };
}

/**
 * Keeps the teacher's label for a stretch and answers with the figures it changes; a shared analysis
 * follows in the same transaction. Only the lesson's own teacher corrects it.
 */
export function correctTalk(ctx: Pick<CoreContext, 'db' | 'now' | 'events'>, c: TalkCorrection): TalkAnalysis {
  if (!lessonDuration(ctx.db, c.lessonId)) throw new StudioError('not_found', { entity: 'lesson', id: c.lessonId });
  if (getShare(ctx.db, c.lessonId)?.origin === 'hub') throw new StudioError('forbidden', { operation: 'talk.correct' });
  ctx.db.transaction(() => {
    addCorrection(ctx.db, c.lessonId, { id: newId(), startMs: c.startMs, endMs: c.endMs, label: c.label, now: ctx.now() });
    syncTalkShare(ctx, c.lessonId, () => talkAnalysis(ctx, c.lessonId));
  })();
  return talkAnalysis(ctx, c.lessonId);
}

/**
 * The teacher says whether two adults teach the lesson. The stored measurements are labelled again
 * at once (nothing is decoded again), the teacher's corrections still outrank the guess, and a
 * shared analysis follows in the same transaction. Only the lesson's own teacher says it.
 */
export function setTalkAdults(ctx: Pick<CoreContext, 'db' | 'now' | 'events'>, a: TalkAdults): TalkAnalysis {
  if (!lessonDuration(ctx.db, a.lessonId)) throw new StudioError('not_found', { entity: 'lesson', id: a.lessonId });
  if (getShare(ctx.db, a.lessonId)?.origin === 'hub') throw new StudioError('forbidden', { operation: 'talk.adults' });
  ctx.db.transaction(() => {
    setTwoAdults(ctx.db, a.lessonId, a.twoAdults, ctx.now());
    syncTalkShare(ctx, a.lessonId, () => talkAnalysis(ctx, a.lessonId));
  })();
  return talkAnalysis(ctx, a.lessonId);
}

/** When a lesson is shared (or its share changed), its analysis goes, stays or leaves as the consent says. */
export function watchTalkShares(ctx: Pick<CoreContext, 'db' | 'now' | 'events'>): () => void {
  return ctx.events.on('lesson.shared', ({ lessonId }) => syncTalkShare(ctx, lessonId, () => talkAnalysis(ctx, lessonId)));
}
