import type { JobKind } from '../../common/schemas/job';
import type { Lesson } from '../../common/schemas/lesson';
import type { StoredJob } from '../jobs/queries';

/** Jobs without which a lesson cannot be watched; the others (sprite, peaks, proxy) only add to it. */
const requiredKinds = new Set<JobKind>(['remux', 'poster', 'playable']);

/** What an imported file needs done: a browser-playable copy only when Chromium cannot play it. */
export function importJobs(needsPlayable: boolean): JobKind[] {
  return ['poster', ...(needsPlayable ? (['playable'] as const) : []), 'peaks', 'sprite', 'proxy'];
}

/** What a recording needs once it is remuxed into a seekable file. */
export const recordingFollowUpJobs: JobKind[] = ['poster', 'peaks', 'sprite', 'proxy'];

/** A lesson's status follows its required jobs: any failed or cancelled → failed; all done → ready. */
export function lessonStatusFromJobs(jobs: StoredJob[]): { status: Lesson['status']; errorCode: string | null } {
  const required = jobs.filter((j) => requiredKinds.has(j.kind));
  const broken = required.find((j) => j.status === 'failed' || j.status === 'cancelled');
  if (broken) return { status: 'failed', errorCode: broken.errorCode ?? 'media_failed' };
  if (required.every((j) => j.status === 'done')) return { status: 'ready', errorCode: null };
  return { status: 'processing', errorCode: null };
}
