import type { CoreContext } from '../app/context';
import { ok, type CallsOf } from '../app/calls';
import { sweepCovers } from './cover';
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

/** The `collections.*` calls; pulled collections are announced. */
export function collectionsCalls(ctx: CoreContext): CallsOf<'collections'> {
  ctx.events.on('collections.pulled', ({ ids }) => ctx.bus.emit('collections.changed', { ids }));
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
      return ok;
    },
    'collections.addItem': async (args) => addItem(ctx, args),
    'collections.updateItem': async (args) => updateItem(ctx, args),
    'collections.moveItem': async (args) => moveItem(ctx, args),
    'collections.removeItem': async ({ id }) => removeItem(ctx, id),
    'collections.publish': async (args) => publishCollection(ctx, args),
  };
}
