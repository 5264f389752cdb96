import i18next from 'i18next';
import { create } from 'zustand';
import type { LessonSummary } from '../../../common/schemas/lesson';
import { call, studio } from '../bridge/studio';
import { errorMessage } from '../lib/errors';
import { useToasts } from './toasts';

type Sort = 'newest' | 'oldest' | 'title';

export interface Upload {
  name: string;
  fraction: number;
}

interface LibraryState {
  items: LessonSummary[];
  total: number;
  loaded: boolean;
  query: string;
  sort: Sort;
  uploads: Upload[];
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setQuery(query: string): void;
  setSort(sort: Sort): void;
  importFiles(files: File[]): Promise<void>;
}

const PAGE = 60;

export const useLibrary = create<LibraryState>((set, get) => ({
  items: [],
  total: 0,
  loaded: false,
  query: '',
  sort: 'newest',
  uploads: [],
  async load() {
    const { query, sort, items } = get();
    const page = await call('lessons.list', { query, sort, limit: Math.max(PAGE, items.length), offset: 0 });
    set({ items: page.items, total: page.total, loaded: true });
  },
  async loadMore() {
    const { query, sort, items } = get();
    const page = await call('lessons.list', { query, sort, limit: PAGE, offset: items.length });
    set({ items: [...items, ...page.items], total: page.total });
  },
  setQuery(query) {
    set({ query, items: [] });
    void get().load();
  },
  setSort(sort) {
    set({ sort, items: [] });
    void get().load();
  },
  async importFiles(files) {
    const toasts = useToasts.getState();
    const t = i18next.t.bind(i18next);
    const sources = [];
    // Files go to the core one by one, so a refused file never holds up the others.
    for (const file of files) {
      set({ uploads: [...get().uploads, { name: file.name, fraction: 0 }] });
      const progress = (fraction: number) =>
        set({ uploads: get().uploads.map((u) => (u.name === file.name ? { ...u, fraction } : u)) });
      try {
        sources.push(await studio.prepareImport(file, progress));
      } catch (err) {
        toasts.show('error', t('library.refused', { name: file.name, reason: errorMessage(t, err) }));
      } finally {
        set({ uploads: get().uploads.filter((u) => u.name !== file.name) });
      }
    }
    if (!sources.length) return;
    try {
      const { results } = await call('lessons.import', { sources });
      const imported = results.filter((r) => r.ok).length;
      for (const r of results) {
        if (!r.ok) toasts.show('error', t('library.refused', { name: r.name, reason: t(`errors.${r.error.code}`, r.error.params) }));
      }
      if (imported) toasts.show('info', t('library.imported', { count: imported }));
    } catch (err) {
      toasts.show('error', errorMessage(t, err));
    }
    await get().load();
  },
}));

let reloadTimer: ReturnType<typeof setTimeout> | undefined;
studio.on('library.changed', () => {
  // Bursts of changes (a batch import, many jobs settling) become one reload.
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => void useLibrary.getState().load(), 150);
});
