import { create } from 'zustand';
import type { Collection, CollectionSummary } from '../../../common/schemas/collection';
import { call, studio } from '../bridge/studio';

interface CollectionsState {
  list: CollectionSummary[];
  loaded: boolean;
  current: Collection | null;
  /** The collection id shown, kept while it loads (and after it is gone, to say so). */
  currentId: string | null;
  missing: boolean;
  load(): Promise<void>;
  open(id: string): Promise<void>;
  /** Takes the collection a call returned, so the screen shows what the core now holds. */
  apply(collection: Collection): void;
  /** Moves an item on screen at once, then asks the core; its answer replaces the guess. */
  move(itemId: string, index: number): Promise<void>;
}

export const useCollections = create<CollectionsState>((set, get) => ({
  list: [],
  loaded: false,
  current: null,
  currentId: null,
  missing: false,
  async load() {
    set({ list: await call('collections.list', {}), loaded: true });
  },
  async open(id) {
    if (get().currentId !== id) set({ current: null, currentId: id, missing: false });
    try {
      const collection = await call('collections.get', { id });
      if (get().currentId === id) set({ current: collection, missing: false });
    } catch {
      if (get().currentId === id) set({ current: null, missing: true });
    }
  },
  apply(collection) {
    if (get().currentId === collection.id) set({ current: collection });
  },
  async move(itemId, index) {
    const current = get().current;
    if (!current) return;
    const items = current.items.filter((i) => i.id !== itemId);
    const moved = current.items.find((i) => i.id === itemId);
    if (!moved) return;
    items.splice(index, 0, moved);
    set({ current: { ...current, items } });
    try {
      get().apply(await call('collections.moveItem', { id: itemId, index }));
    } catch (err) {
      set({ current });
      throw err;
    }
  },
}));

const refresh = () => {
  const { loaded, currentId, load, open } = useCollections.getState();
  if (loaded) void load();
  if (currentId) void open(currentId);
};
studio.on('collections.changed', refresh);
// A lesson withdrawn, downloaded or renamed changes what its items show.
studio.on('library.changed', refresh);
