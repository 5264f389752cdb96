import type { JobKind } from '../../common/schemas/job';
import type { Lesson } from '../../common/schemas/lesson';
import type { StoredJob } from '../jobs/queries';

/** Jobs without which a lesson cannot be watched; the others (sprite, peaks, proxy) only add to it. */
const requiredKinds = new Set<JobKind>(['remux', 'poster', 'playable']);

/** Extras start only once their lesson can be watched, so a new lesson becomes playable as fast as possible. */
export function extraWaitsForRequired(job: StoredJob, active: StoredJob[]): boolean {
  const others = active.filter((a) => a.id !== job.id && a.lessonId === job.lessonId);
  // The talk analysis runs after all of its lesson's media jobs, on a machine they no longer need.
  if (job.kind === 'talk') return others.some((a) => a.kind !== 'talk');
  // Faces are looked for on the proxy, and the blurred copy is made from the regions found.
  if (job.kind === 'blur_detect') return others.some((a) => blurWaitsFor.has(a.kind));
  // A drawn box follows its face on the proxy; the copy is made once every box has followed.
  if (job.kind === 'blur_follow') return others.some((a) => blurWaitsFor.has(a.kind));
  if (job.kind === 'blur_render')
    return others.some((a) => blurWaitsFor.has(a.kind) || a.kind === 'blur_detect' || a.kind === 'blur_follow');
  return !requiredKinds.has(job.kind) && others.some((a) => requiredKinds.has(a.kind));
}

const blurWaitsFor = new Set<JobKind>(['remux', 'playable', 'proxy']);

/**
 * What an imported file still needs once it is copied in with its poster: a browser-playable copy only
 * when Chromium cannot play the source, then the extras.
 */
export function importJobs(needsPlayable: boolean, audioOnly = false): JobKind[] {
  // Sound alone has no pictures for a sprite: its waveform (peaks, and the poster) stands in for them.
  return [...(needsPlayable ? (['playable'] as const) : []), 'peaks', ...(audioOnly ? [] : (['sprite'] as const)), 'proxy', 'talk'];
}

/** A frame a little into the lesson says more than the first one (often a hand in front of the lens). */
export function posterTimeMs(durationMs: number): number {
  return Math.min(3000, Math.floor(durationMs * 0.1));
}

/** What a recording needs once it is remuxed into a seekable file. */
export const recordingFollowUpJobs: JobKind[] = ['poster', 'peaks', 'sprite', 'proxy', 'talk'];

/** A lesson's status follows its required jobs: any failed or cancelled → failed; all done → ready. */
export function lessonStatusFromJobs(jobs: StoredJob[]): { status: Lesson['status']; errorCode: string | null } {
  const required = jobs.filter((j) => requiredKinds.has(j.kind));
  const broken = required.find((j) => j.status === 'failed' || j.status === 'cancelled');
  if (broken) return { status: 'failed', errorCode: broken.errorCode ?? 'media_failed' };
  if (required.every((j) => j.status === 'done')) return { status: 'ready', errorCode: null };
  return { status: 'processing', errorCode: null };
}
