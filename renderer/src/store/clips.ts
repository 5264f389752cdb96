import { create } from 'zustand';
import type { Clip } from '../../../common/schemas/clip';
import { call, studio } from '../bridge/studio';

interface ClipsState {
  lessonId: string | null;
  clips: Clip[];
  /** The export job of each clip exported in this session, for its progress bar. */
  exports: Record<string, string>;
  load(lessonId: string): Promise<void>;
  add(input: { name: string; startMs: number; endMs: number }): Promise<Clip>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  exportMp4(id: string): Promise<void>;
}

export const useClips = create<ClipsState>((set, get) => ({
  lessonId: null,
  clips: [],
  exports: {},
  async load(lessonId) {
    set({ lessonId, ...(get().lessonId !== lessonId ? { clips: [] } : {}) });
    const clips = await call('clips.list', { lessonId });
    if (get().lessonId === lessonId) set({ clips });
  },
  async add(input) {
    const clip = await call('clips.add', { ...input, lessonId: get().lessonId! });
    set({ clips: [...get().clips, clip].sort((a, b) => a.startMs - b.startMs) });
    return clip;
  },
  async rename(id, name) {
    const clip = await call('clips.rename', { id, name });
    set({ clips: get().clips.map((c) => (c.id === id ? clip : c)) });
  },
  async remove(id) {
    await call('clips.delete', { id });
    set({ clips: get().clips.filter((c) => c.id !== id) });
  },
  async exportMp4(id) {
    const job = await call('clips.export', { id });
    set({ exports: { ...get().exports, [id]: job.id } });
  },
}));

// A finished export makes the clip downloadable.
studio.on('jobs.progress', (job) => {
  const { lessonId, load } = useClips.getState();
  if (lessonId && job.kind === 'clip' && job.status === 'done' && job.lessonId === lessonId) void load(lessonId);
});
