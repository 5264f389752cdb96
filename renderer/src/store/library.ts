import i18next from 'i18next';
import { create } from 'zustand';
import type { CallOutput } from '../../../common/contract';
import type { ImportSource, LessonSummary } from '../../../common/schemas/lesson';
import { call, studio } from '../bridge/studio';
import { errorMessage } from '../lib/errors';
import { formatTimecode } from '../lib/format';
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
  importSources(sources: ImportSource[]): Promise<void>;
  /** Imports the videos directly inside a folder the core can reach by path (the desktop app). */
  importFolder(path: string): Promise<void>;
  /** Says a dropped folder is one and offers its videos, read by the browser (which gives no path). */
  offerFolder(name: string, files: File[]): void;
}

const PAGE = 60;
/** The most sources one `lessons.import` call takes. */
const IMPORT_BATCH = 100;

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
    const sources: ImportSource[] = [];
    // Files go to the core one by one, so a refused file never holds up the others.
    for (const file of files) {
      set({ uploads: [...get().uploads, { name: file.name, fraction: 0 }] });
      const progress = (fraction: number) => set({ uploads: get().uploads.map((u) => (u.name === file.name ? { ...u, fraction } : u)) });
      try {
        sources.push(await studio.prepareImport(file, progress));
      } catch (err) {
        toasts.show('error', t('library.refused', { name: file.name, reason: errorMessage(t, err) }));
      } finally {
        set({ uploads: get().uploads.filter((u) => u.name !== file.name) });
      }
    }
    await get().importSources(sources);
  },
  async importSources(sources) {
    if (!sources.length) return;
    const toasts = useToasts.getState();
    const t = i18next.t.bind(i18next);
    try {
      const { results } = await call('lessons.import', { sources });
      tellImportResults(sources, results);
    } catch (err) {
      toasts.show('error', errorMessage(t, err));
    }
    await get().load();
  },
  async importFolder(path) {
    try {
      const { files } = await call('lessons.listFolder', { path });
      for (let at = 0; at < files.length; at += IMPORT_BATCH) {
        await get().importSources(files.slice(at, at + IMPORT_BATCH).map((f) => ({ kind: 'path' as const, path: f.path })));
      }
    } catch (err) {
      useToasts.getState().show('error', errorMessage(i18next.t.bind(i18next), err));
    }
  },
  offerFolder(name, files) {
    const t = i18next.t.bind(i18next);
    const action = files.length
      ? { label: t('library.importFolder', { count: files.length }), run: () => void get().importFiles(files) }
      : undefined;
    useToasts.getState().show('error', t('library.refused', { name, reason: t('errors.file_is_folder') }), action);
  },
}));

/** A toast for each refused (or only partly readable) file, a folder's videos offered, and one for those imported. */
function tellImportResults(sources: ImportSource[], results: CallOutput<'lessons.import'>['results']): void {
  const toasts = useToasts.getState();
  const t = i18next.t.bind(i18next);
  results.forEach((r, i) => {
    if (r.ok && r.partial) {
      const language = i18next.language;
      const playable = formatTimecode(r.partial.playableMs, language);
      toasts.show('warning', t('library.partial', { name: r.name, playable, declared: formatTimecode(r.partial.declaredMs, language) }));
    }
    if (r.ok) return;
    const reason = t(`errors.${r.error.code}`, r.error.params);
    const source = sources[i];
    // The desktop app hands over the folder's path: the core lists its videos, and they are offered.
    const folder = r.error.code === 'file_is_folder' && Number(r.error.params.count) > 0 && source?.kind === 'path' ? source.path : null;
    const action = folder
      ? {
          label: t('library.importFolder', { count: Number(r.error.params.count) }),
          run: () => void useLibrary.getState().importFolder(folder),
        }
      : undefined;
    toasts.show('error', t('library.refused', { name: r.name, reason }), action);
  });
  const imported = results.filter((r) => r.ok).length;
  if (imported) toasts.show('info', t('library.imported', { count: imported }));
}

let reloadTimer: ReturnType<typeof setTimeout> | undefined;
studio.on('library.changed', () => {
  // Bursts of changes (a batch import, many jobs settling) become one reload.
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => void useLibrary.getState().load(), 150);
});
