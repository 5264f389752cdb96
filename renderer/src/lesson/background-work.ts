import { isolate } from '../../../common/bidi';
import type { TFunction } from 'i18next';
import type { Job, JobKind } from '../../../common/schemas/job';
import { useLesson } from '../store/lesson';
import { useLibrary } from '../store/library';

/** Jobs the studio starts by itself to make a lesson ready (the talk analysis among them); the teacher never asked for them. */
export const preparationKinds = new Set<JobKind>(['remux', 'poster', 'playable', 'peaks', 'sprite', 'proxy', 'talk']);

/** A lesson's title wrapped in Unicode isolates, so an English title reads whole inside an Arabic sentence. */
export function lessonTitle(lessonId: string): string | undefined {
  const title =
    useLesson.getState().lesson?.id === lessonId
      ? useLesson.getState().lesson!.title
      : useLibrary.getState().items.find((l) => l.id === lessonId)?.title;
  return title === undefined ? undefined : isolate(title);
}

/**
 * What the header says the studio is doing, in a teacher's words: the lesson it is preparing (all of
 * one lesson's preparation is one piece of work), what it is doing when that is something else, or
 * how many such things there are.
 */
export function backgroundSummary(t: TFunction, active: Job[]): string {
  const work = new Map(active.map((j) => [preparationKinds.has(j.kind) && j.lessonId ? j.lessonId : j.id, j]));
  if (work.size > 1) return t('jobs.several', { count: work.size });
  const [job] = work.values();
  if (!job) return t('jobs.none');
  if (!preparationKinds.has(job.kind) || !job.lessonId) return t('jobs.doing', { what: t(`jobs.kinds.${job.kind}`) });
  const title = lessonTitle(job.lessonId);
  return title ? t('jobs.preparing', { title }) : t('jobs.preparingLesson');
}
