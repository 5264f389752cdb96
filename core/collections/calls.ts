import type { StudioApi } from '../../common/contract';
import type { CoreContext } from '../app/context';
import type { StoredJob } from '../jobs/queries';
import { estimateExport, startExport, startImport } from '../packages/packages';
import { sweepCovers } from './cover';
import { onCollectionsPulled } from './sync-in';
import {
  addItem,
  createCollection,
  deleteCollection,
  getCollection,
  listCollections,
  moveItem,
  publishCollection,
  removeItem,
  updateCollection,
  updateItem,
} from './collections';

type CurationCalls = Pick<StudioApi, Extract<keyof StudioApi, `collections.${string}` | `packages.${string}`>>;

const publicJob = ({ params: _params, ...job }: StoredJob) => job;

/** The contract's collection and package calls, spread into the core's api; pulled collections are announced. */
export function curationCalls(ctx: CoreContext): CurationCalls {
  onCollectionsPulled(ctx.db, (ids) => ctx.bus.emit('collections.changed', { ids }));
  return {
    'collections.list': async () => {
      const list = listCollections(ctx);
      await sweepCovers(ctx, new Set(list.map((c) => c.id)));
      return list;
    },
    'collections.get': async ({ id }) => getCollection(ctx, id),
    'collections.create': async (args) => createCollection(ctx, args),
    'collections.update': async (args) => updateCollection(ctx, args),
    'collections.delete': async ({ id }) => {
      await deleteCollection(ctx, id);
      return { ok: true };
    },
    'collections.addItem': async (args) => addItem(ctx, args),
    'collections.updateItem': async (args) => updateItem(ctx, args),
    'collections.moveItem': async (args) => moveItem(ctx, args),
    'collections.removeItem': async ({ id }) => removeItem(ctx, id),
    'collections.publish': async (args) => publishCollection(ctx, args),

    'packages.estimate': async (request) => estimateExport(ctx, request),
    'packages.export': async (request) => {
      const { job, path } = await startExport(ctx, request);
      return { job: publicJob(job), path };
    },
    'packages.import': async ({ source }) => publicJob(await startImport(ctx, source)),
  };
}
