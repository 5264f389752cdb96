import type { Db } from '../db/open';
import type { Projections } from '../sync/projection';
import type { JobQueue } from '../jobs/queue';
import type { MediaTools } from '../media/tools';
import type { CoreEvents, EventBus } from './events';
import type { Logger } from './logger';
import type { DataPaths } from './paths';

/** What every domain module of the core is handed: no globals, so tests can make as many cores as they like. */
export interface CoreContext {
  db: Db;
  paths: DataPaths;
  /** Events for the UI (the contract's). */
  bus: EventBus;
  /** Events between the core's domains (core/app/events.ts). */
  events: CoreEvents;
  /** How pulled records show in each domain, joined in the composition root (core/index.ts). */
  projections: Projections;
  logger: Logger;
  now: () => number;
  jobs: JobQueue;
  /** ffmpeg and ffprobe, or a clear `ffmpeg_missing` error for the actions that need them. */
  requireTools(): MediaTools;
}
