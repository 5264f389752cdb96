import { useEffect } from 'react';
import { create } from 'zustand';
import type { CallInput } from '../../../common/contract';
import type { Job } from '../../../common/schemas/job';
import type { BlurBox, BlurMode, BlurState } from '../../../common/schemas/blur';
import { call, studio } from '../bridge/studio';
import { useJobs } from '../store/jobs';

/** What the pointer on the player does: nothing (boxes can be picked), draw a box on this frame, or a fixed region. */
export type BlurTool = 'pick' | 'draw' | 'fixed';

/**
 * A lesson's blur regions as the overlay, the lane and the panel show them: loaded once per lesson,
 * reloaded when its detection or render job ends, and replaced by each edit's answer.
 */
interface BlurStore {
  lessonId: string | null;
  state: BlurState | null;
  selected: string | null;
  tool: BlurTool;
  load(lessonId: string): Promise<void>;
  detect(mode: BlurMode): Promise<void>;
  render(): Promise<void>;
  remove(regionId: string): Promise<void>;
  draw(atMs: number, box: BlurBox): Promise<void>;
  addFixed(box: BlurBox): Promise<void>;
  undo(): Promise<void>;
  /** Ends a drawn box where the face leaves the picture. */
  end(regionId: string, endMs: number): Promise<void>;
  select(id: string | null): void;
  setTool(tool: BlurTool): void;
}

export const useBlurStore = create<BlurStore>((set, get) => {
  const apply = async (next: Promise<BlurState>) => {
    const state = await next;
    if (get().lessonId === state.lessonId) set({ state });
  };
  const queued = (job: Job) => useJobs.setState({ jobs: { ...useJobs.getState().jobs, [job.id]: job } });
  const lesson = () => get().lessonId ?? '';
  return {
    lessonId: null,
    state: null,
    selected: null,
    tool: 'pick',
    async load(lessonId) {
      if (get().lessonId !== lessonId) set({ lessonId, state: null, selected: null, tool: 'pick' });
      await apply(call('blur.get', { lessonId }));
    },
    async detect(mode) {
      queued(await call('blur.detect', { lessonId: lesson(), mode }));
    },
    async render() {
      queued(await call('blur.render', { lessonId: lesson() }));
    },
    async remove(regionId) {
      await apply(call('blur.remove', { lessonId: lesson(), regionId }));
      set({ selected: null });
    },
    async draw(atMs, box) {
      const input: CallInput<'blur.draw'> = { lessonId: lesson(), atMs: Math.round(atMs), box };
      await apply(call('blur.draw', input));
    },
    async addFixed(box) {
      await apply(call('blur.addFixed', { lessonId: lesson(), box }));
    },
    async undo() {
      await apply(call('blur.undo', { lessonId: lesson() }));
    },
    async end(regionId, endMs) {
      await apply(call('blur.end', { lessonId: lesson(), regionId, endMs: Math.round(endMs) }));
    },
    select: (selected) => set({ selected }),
    setTool: (tool) => set({ tool, selected: null }),
  };
});

studio.on('jobs.progress', (job) => {
  const { lessonId, load } = useBlurStore.getState();
  const ours = job.kind === 'blur_detect' || job.kind === 'blur_render' || job.kind === 'blur_follow';
  if (lessonId && ours && job.lessonId === lessonId && job.status === 'done') void load(lessonId).catch(() => undefined);
});

/** The lesson's blur job of a kind while it is queued or running, for progress. */
export function useBlurJob(lessonId: string, kind: 'blur_detect' | 'blur_render' | 'blur_follow'): Job | undefined {
  return useJobs((s) =>
    Object.values(s.jobs).find((j) => j.kind === kind && j.lessonId === lessonId && (j.status === 'queued' || j.status === 'running')),
  );
}

export function useBlur(lessonId: string) {
  const store = useBlurStore();
  useEffect(() => {
    if (useBlurStore.getState().lessonId !== lessonId)
      void useBlurStore
        .getState()
        .load(lessonId)
        .catch(() => undefined);
  }, [lessonId]);
  return store.lessonId === lessonId ? store : { ...store, state: null };
}
