import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { StudioApi } from '../common/contract';
import { toErrorPayload } from '../common/errors';
import type { SignInStorage } from '../common/schemas/app';
import { createApi } from './api';
import type { CoreContext } from './app/context';
import { CoreEvents, EventBus } from './app/events';
import { collectionCoverFile } from './collections/cover';
import { silentLogger, type Logger } from './app/logger';
import { dataPaths } from './app/paths';
import { openDb, type Db } from './db/open';
import { mediaJobHandlers } from './jobs/handlers';
import { JobQueue } from './jobs/queue';
import { refreshLessonStatus, resolveAsset } from './library/lessons';
import { extraWaitsForRequired } from './library/pipeline';
import { clearStaging, stageUpload } from './library/staging';
import { locateMediaTools, mediaToolVersions, type MediaTools } from './media/tools';
import { openMediaRange } from './media/serve';
import { packageJobHandlers } from './packages/packages';
import type { ScreenSourceProvider } from './recording/screen-sources';
import { readSettings } from './settings/settings';
import { presetHubUrl } from './app/deployment';
import { watchReviews } from './review/watch';
import { watchTalkShares } from './talk/talk';
import { watchBlurShares } from './blur/shared';
import { keptOnlyIfChosen, memorySecretStore, type SecretStore } from './secrets/secret-store';
import { SyncService, type SyncOptions } from './sync/service';
import { collectionProjections } from './collections/sync-in';
import { reviewProjections } from './review/projections';
import { credentialProjections } from './credentials/projections';
import { libraryProjections } from './sync/apply';
import type { Projections } from './sync/projection';

export interface CoreOptions {
  dataDir: string;
  shell: 'electron' | 'web';
  version: string;
  logger?: Logger;
  now?: () => number;
  /** Found with locateMediaTools() when not given. */
  tools?: MediaTools;
  env?: NodeJS.ProcessEnv;
  nativeBinding?: string;
  jobConcurrency?: number;
  /** Where the hub session token is kept; without one the person signs in again after each start. */
  secrets?: SecretStore;
  /** How well `secrets` protects what it keeps; `no-keychain` keeps the session in memory unless chosen otherwise. */
  secretsProtection?: 'keychain' | 'file' | 'no-keychain';
  sync?: SyncOptions;
  /** The desktop shell's list of screens and windows to record; absent in the browser shell. */
  screenSources?: ScreenSourceProvider;
  /** Folders, after the library folder, where an organisation may put `practice-circle.json` (beside the app). */
  deploymentFolders?: string[];
  /**
   * The script of the verify page a web export may include (renderer/verify-page/ bundled for
   * browsers): the desktop shell reads the one its build made, the browser shell builds it on first
   * need (web/verify-page.ts). Without it, an export that asks for the page fails.
   */
  verifyPageScript?: () => Promise<string>;
}

export interface Core {
  api: StudioApi;
  bus: EventBus;
  jobs: JobQueue;
  /** Streams an asset named by id with HTTP Range semantics; both shells serve media through it. */
  openAsset(assetId: string, range: string | undefined): ReturnType<typeof openMediaRange>;
  stageUpload(body: Readable): Promise<string>;
  /** The community hub side: session, sync engine, transfer queue. */
  sync: SyncService;
  close(): Promise<void>;
}

/** The most the browser shell streams into staging in one upload. */
export const MAX_STAGED_BYTES = 20 * 1024 ** 3;

export async function createCore(options: CoreOptions): Promise<Core> {
  const paths = dataPaths(options.dataDir);
  for (const dir of [paths.root, paths.media, paths.recordings]) await fs.mkdir(dir, { recursive: true });
  await clearStaging(paths);
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;

  const { tools, toolsError, requireTools } = findMediaTools(options, logger);

  const db = openDb(paths.db, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const bus = new EventBus();
  const events = new CoreEvents();
  // Each domain shows the pulled records that are its own.
  const projections: Projections = { ...libraryProjections, ...collectionProjections, ...reviewProjections, ...credentialProjections };
  const base = { db, paths, bus, events, projections, logger, now, requireTools };
  // The queue and the context hold each other: handlers enqueue follow-up jobs and need the context,
  // settled jobs update lessons through it. The queue makes its handlers when it first runs a job.
  const ctx: CoreContext = {
    ...base,
    jobs: new JobQueue({
      db,
      bus,
      logger,
      now,
      ...(options.jobConcurrency ? { concurrency: options.jobConcurrency } : {}),
      handlers: () => ({
        ...mediaJobHandlers({
          ...base,
          enqueue: (kind, lessonId) => void ctx.jobs.enqueue(kind, lessonId),
          proxyPreset: () => readSettings(db).proxyPreset,
        }),
        ...packageJobHandlers(ctx, { appVersion: options.version, verifyPageScript: options.verifyPageScript }),
      }),
      onSettled: (job) => {
        if (!job.lessonId) return;
        refreshLessonStatus(ctx, job.lessonId);
        // A finished job has added a file (poster, sprite, proxy...) that the lesson on screen should show.
        if (job.status === 'done') bus.emit('library.changed', { lessonIds: [job.lessonId] });
      },
      waitsFor: extraWaitsForRequired,
    }),
  };
  const { jobs } = ctx;

  const { signInStorage, unprotected, secrets } = signInSecrets(options, db);
  const sync = await SyncService.create(ctx, secrets, options.sync);
  const api = createApi(ctx, {
    version: options.version,
    dataDir: options.dataDir,
    shell: options.shell,
    ffmpegVersion: tools
      ? await mediaToolVersions(tools).then(
          (v) => v.ffmpeg,
          () => null,
        )
      : null,
    ffmpegError: toolsError ? toErrorPayload(toolsError).code : null,
    sync,
    screenSources: options.screenSources,
    signInStorage,
    presetHubUrl: await presetHubUrl(options.env ?? process.env, [options.dataDir, ...(options.deploymentFolders ?? [])], logger),
    signInChoiceChanged: async () => unprotected?.applyChoice(),
  });
  jobs.start();
  const stopReviews = watchReviews(ctx);
  // What travels with a shared lesson besides its notes: its talk analysis, where its faces were blurred.
  const stopShareWatchers = [watchTalkShares(ctx), watchBlurShares(ctx)];
  sync.start();
  logger.info('core started', { dataDir: options.dataDir });

  return {
    api,
    bus,
    jobs,
    sync,
    openAsset: async (assetId, range) => {
      // A collection's cover is served under the collection's id.
      const { file, mime } = (await collectionCoverFile(ctx, assetId)) ?? resolveAsset(ctx, assetId);
      return openMediaRange(file, mime, range);
    },
    stageUpload: (body) => stageUpload(paths, body, MAX_STAGED_BYTES),
    close: async () => {
      await sync.stop();
      stopReviews();
      for (const stop of stopShareWatchers) stop();
      await jobs.stop();
      db.close();
    },
  };
}

/** ffmpeg and ffprobe: handed in, or found. Missing, the studio still starts, and each media step says why it cannot run. */
function findMediaTools(options: CoreOptions, logger: Logger) {
  let tools: MediaTools | null = options.tools ?? null;
  let toolsError: unknown = null;
  if (!tools) {
    try {
      tools = locateMediaTools(options.env ?? process.env);
    } catch (err) {
      toolsError = err;
      logger.error('ffmpeg not found', { error: toErrorPayload(err).code });
    }
  }
  const requireTools = (): MediaTools => {
    if (!tools) throw toolsError;
    return tools;
  };
  return { tools, toolsError, requireTools };
}

/**
 * Where the hub sign-in is kept: the shell's secret store, or memory. Without a keyring
 * (`no-keychain`) it is kept only if the person chose so (`unprotected` applies that choice).
 */
function signInSecrets(options: CoreOptions, db: Db) {
  const signInStorage: SignInStorage = options.secrets ? (options.secretsProtection ?? 'file') : 'memory';
  const unprotected =
    options.secrets && signInStorage === 'no-keychain'
      ? keptOnlyIfChosen(options.secrets, () => readSettings(db).keepSignInWithoutKeyring)
      : null;
  return { signInStorage, unprotected, secrets: unprotected ?? options.secrets ?? memorySecretStore() };
}
