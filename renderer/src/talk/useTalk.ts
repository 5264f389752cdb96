import { useEffect } from 'react';
import { create } from 'zustand';
import type { Job } from '../../../common/schemas/job';
import type { TalkAnalysis, TalkLabel } from '../../../common/schemas/talk';
import { call, studio } from '../bridge/studio';
import { useJobs } from '../store/jobs';

/**
 * A lesson's talk analysis, as the lane and the card show it: loaded once per lesson, reloaded when
 * its talk job ends, and replaced by talk.correct's answer so figures change at once.
 */
interface TalkState {
  lessonId: string | null;
  analysis: TalkAnalysis | null;
  /** The band the teacher picked on the lane (an index into analysis.segments). */
  selected: number | null;
  load(lessonId: string): Promise<void>;
  analyse(): Promise<void>;
  correct(label: TalkLabel): Promise<void>;
  /** Says whether two adults teach the lesson; the lane and the figures take the answer at once. */
  setTwoAdults(twoAdults: boolean): Promise<void>;
  select(index: number | null): void;
}

export const useTalkStore = create<TalkState>((set, get) => ({
  lessonId: null,
  analysis: null,
  selected: null,
  async load(lessonId) {
    if (get().lessonId !== lessonId) set({ lessonId, analysis: null, selected: null });
    const analysis = await call('talk.get', { lessonId });
    if (get().lessonId === lessonId) set({ analysis });
  },
  async analyse() {
    const { lessonId } = get();
    if (!lessonId) return;
    const job = await call('talk.analyse', { lessonId });
    useJobs.setState({ jobs: { ...useJobs.getState().jobs, [job.id]: job } });
  },
  async correct(label) {
    const { lessonId, analysis, selected } = get();
    const band = selected !== null ? analysis?.segments[selected] : undefined;
    if (!lessonId || !band) return;
    const next = await call('talk.correct', { lessonId, startMs: band.startMs, endMs: band.endMs, label });
    if (get().lessonId !== lessonId) return;
    // The same stretch stays picked, so a second correction needs no second click.
    const index = next.segments.findIndex((s) => s.startMs < band.endMs && s.endMs > band.startMs);
    set({ analysis: next, selected: index >= 0 ? index : null });
  },
  async setTwoAdults(twoAdults) {
    const { lessonId, analysis, selected } = get();
    if (!lessonId) return;
    const next = await call('talk.adults', { lessonId, twoAdults });
    if (get().lessonId !== lessonId) return;
    const band = selected !== null ? analysis?.segments[selected] : undefined;
    const index = band ? next.segments.findIndex((s) => s.startMs < band.endMs && s.endMs > band.startMs) : -1;
    set({ analysis: next, selected: index >= 0 ? index : null });
  },
  select(index) {
    set({ selected: index });
  },
}));

studio.on('jobs.progress', (job) => {
  const { lessonId, load } = useTalkStore.getState();
  if (lessonId && job.kind === 'talk' && job.lessonId === lessonId && job.status === 'done') void load(lessonId).catch(() => undefined);
});

/** The lesson's talk job while it is queued or running, for the card's progress. */
export function useTalkJob(lessonId: string): Job | undefined {
  return useJobs((s) =>
    Object.values(s.jobs).find((j) => j.kind === 'talk' && j.lessonId === lessonId && (j.status === 'queued' || j.status === 'running')),
  );
}

/** The analysis of this lesson, loading it the first time a part of the page asks. */
export function useTalk(lessonId: string) {
  const state = useTalkStore();
  useEffect(() => {
    if (useTalkStore.getState().lessonId !== lessonId)
      void useTalkStore
        .getState()
        .load(lessonId)
        .catch(() => undefined);
  }, [lessonId]);
  return { ...state, analysis: state.lessonId === lessonId ? state.analysis : null };
}
