import type { CoreContext } from '../app/context';
import { ok, type CallsOf } from '../app/calls';
import { adoptRubric, deleteRubric, exportRubric, getRubric, importRubric, listRubrics, saveRubric } from './rubrics';

export function rubricsCalls(ctx: CoreContext): CallsOf<'rubrics'> {
  return {
    'rubrics.list': async ({ communityId }) => listRubrics(ctx.db, communityId),
    'rubrics.get': async ({ id }) => getRubric(ctx.db, id),
    'rubrics.save': async (args) => saveRubric(ctx, args),
    'rubrics.import': async (args) => importRubric(ctx, args),
    'rubrics.adopt': async (args) => adoptRubric(ctx, args),
    'rubrics.delete': async ({ id }) => {
      deleteRubric(ctx, id);
      return ok;
    },
    'rubrics.export': async ({ id }) => exportRubric(ctx.db, id),
  };
}
