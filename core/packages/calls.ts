import type { CoreContext } from '../app/context';
import type { CallsOf } from '../app/calls';
import { publicJob } from '../jobs/queries';
import { estimateExport, startExport, startImport } from './packages';

export function packagesCalls(ctx: CoreContext): CallsOf<'packages'> {
  return {
    'packages.estimate': async (request) => estimateExport(ctx, request),
    'packages.export': async (request) => {
      const { job, path } = await startExport(ctx, request);
      return { job: publicJob(job), path };
    },
    'packages.import': async ({ source }) => publicJob(await startImport(ctx, source)),
  };
}
