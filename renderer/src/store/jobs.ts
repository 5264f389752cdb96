import { create } from 'zustand';
import type { Job } from '../../../common/schemas/job';
import { call, studio } from '../bridge/studio';

interface JobsState {
  jobs: Record<string, Job>;
  load(): Promise<void>;
}

export const useJobs = create<JobsState>((set) => ({
  jobs: {},
  async load() {
    const list = await call('jobs.list', {});
    set({ jobs: Object.fromEntries(list.map((j) => [j.id, j])) });
  },
}));

studio.on('jobs.progress', (job) => useJobs.setState({ jobs: { ...useJobs.getState().jobs, [job.id]: job } }));

export function activeJobs(jobs: Record<string, Job>): Job[] {
  return Object.values(jobs).filter((j) => j.status === 'queued' || j.status === 'running');
}

export const cancelJob = (id: string) => void call('jobs.cancel', { id });
export const retryJob = (id: string) => void call('jobs.retry', { id });
