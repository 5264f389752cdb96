import type { CoreContext } from '../app/context';
import type { CallsOf } from '../app/calls';
import { publicJob } from './queries';

export function jobsCalls(ctx: CoreContext): CallsOf<'jobs'> {
  return {
    'jobs.list': async ({ lessonId }) => ctx.jobs.list(lessonId).map(publicJob),
    'jobs.cancel': async ({ id }) => publicJob(ctx.jobs.cancel(id)),
    'jobs.retry': async ({ id }) => publicJob(ctx.jobs.retry(id)),
  };
}
