import type { CallInput } from '../../../common/contract';
import type { Collection } from '../../../common/schemas/collection';
import { call, studio } from '../bridge/studio';
import { useCollections } from './store';

/** Shows what the core now holds: every change to a collection answers with the whole collection. */
const applied = async (answer: Promise<Collection>): Promise<Collection> => {
  const collection = await answer;
  useCollections.getState().apply(collection);
  return collection;
};

const mutations = {
  create: (title: string) => call('collections.create', { title }),
  update: (input: CallInput<'collections.update'>) => applied(call('collections.update', input)),
  remove: (id: string) => call('collections.delete', { id }),
  addItem: (input: CallInput<'collections.addItem'>) => applied(call('collections.addItem', input)),
  updateItem: (input: CallInput<'collections.updateItem'>) => applied(call('collections.updateItem', input)),
  removeItem: (id: string) => applied(call('collections.removeItem', { id })),
  publish: (id: string, communityId: string) => applied(call('collections.publish', { id, communityId })),
  exportPackage: (input: CallInput<'packages.export'>) => call('packages.export', input),
  /** Sends the file to the core (with the fraction sent so far), then starts its import. */
  async importPackage(file: File, onSending: (fraction: number) => void) {
    const source = await studio.prepareImport(file, onSending);
    await call('packages.import', { source });
  },
};

/** Changes to collections and packages; each change of a collection is shown as soon as the core answers. */
export const useCollectionMutations = () => mutations;

/** What the collection dialogs look up: lessons to add, their clips, the communities led, a package's size. */
export const collectionLookups = {
  lessons: (query: string) => call('lessons.list', { query, sort: 'newest', limit: 100, offset: 0 }),
  clips: (lessonId: string) => call('clips.list', { lessonId }),
  communities: () => call('communities.list', {}),
  estimatePackage: (input: CallInput<'packages.estimate'>) => call('packages.estimate', input),
};
