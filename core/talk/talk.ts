import { StudioError } from '../../common/errors';
import type { TalkAnalysis, TalkCorrection } from '../../common/schemas/talk';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import type { JobContext } from '../jobs/queue';
import { lessonDuration } from '../library/queries';
import { probeStreams } from '../media/probe';
import type { MediaTools } from '../media/tools';
import { measureTalk } from './analyse';
import { labelSegments } from './cluster';
import { talkFigures } from './figures';
import { ANALYSIS_VERSION, addCorrection, corrections, loadAnalysis, saveAnalysis } from './store';

/**
 * The 'talk' job: measures the lesson's sound and keeps the segments. It starts over when it is
 * interrupted (a restart requeues it, as every media job); the measurement is only written once
 * whole, so a lesson never shows half an analysis.
 */
export async function runTalkJob(
  ctx: Pick<CoreContext, 'db' | 'now'>,
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
  saveAnalysis(ctx.db, lessonId, { durationMs: measured.durationMs || durationMs, segments: measured.segments, now: ctx.now() });
}

/** The analysis as the teacher sees it: the job's segments, labelled with the teacher's corrections applied. */
export function talkAnalysis(ctx: Pick<CoreContext, 'db'>, lessonId: string): TalkAnalysis {
  if (!lessonDuration(ctx.db, lessonId)) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
  const stored = loadAnalysis(ctx.db, lessonId);
  if (!stored || stored.version !== ANALYSIS_VERSION) return { lessonId, status: 'none', durationMs: 0, segments: [], figures: null };
  const labelled = labelSegments(stored.segments, corrections(ctx.db, lessonId));
  return {
    lessonId,
    status: 'ready',
    durationMs: stored.durationMs,
    segments: labelled.map((s) => ({ startMs: s.startMs, endMs: s.endMs, label: s.label, corrected: s.corrected })),
    figures: talkFigures(labelled, stored.durationMs),
  };
}

/** Keeps the teacher's label for a stretch and answers with the figures it changes. */
export function correctTalk(ctx: Pick<CoreContext, 'db' | 'now'>, c: TalkCorrection): TalkAnalysis {
  if (!lessonDuration(ctx.db, c.lessonId)) throw new StudioError('not_found', { entity: 'lesson', id: c.lessonId });
  addCorrection(ctx.db, c.lessonId, { id: newId(), startMs: c.startMs, endMs: c.endMs, label: c.label, now: ctx.now() });
  return talkAnalysis(ctx, c.lessonId);
}
