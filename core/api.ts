import type { SignInStorage, StudioApi } from '../common/contract';
import { StudioError } from '../common/errors';
import type { CoreContext } from './app/context';
import type { SyncApi } from './sync/service';
import { captionText, importCaptions, removeCaptions, tracksOf } from './captions/captions';
import { addClip, clipsOf, exportClipJob, removeClip, renameExistingClip } from './clips/clips';
import { curationCalls } from './collections/calls';
import { chooseScheme, codingFor, removeScheme, saveScheme } from './coding/schemes';
import { exportNotes } from './exports/notes-export';
import { videosIn } from './library/folder';
import { importFiles } from './library/import';
import { getLesson, patchLesson, removeLesson } from './library/lessons';
import { listLessons } from './library/queries';
import { addNote, editNote, notesOf, removeNote, restoreDeletedNote } from './notes/notes';
import { createRecordings } from './recording/recordings';
import type { ScreenSourceProvider } from './recording/screen-sources';
import { reflectionOf, saveReflection } from './reflection/reflection';
import { reviewApi } from './review/calls';
import { searchAll } from './search/search';
import { correctTalk, talkAnalysis } from './talk/talk';
import { readSettings, writeSettings } from './settings/settings';

export interface ApiEnv {
  version: string;
  dataDir: string;
  shell: 'electron' | 'web';
  ffmpegVersion: string | null;
  ffmpegError: string | null;
  /** The community hub's calls (core/sync/service.ts). */
  sync: SyncApi;
  screenSources?: ScreenSourceProvider | undefined;
  signInStorage: SignInStorage;
  /** The hub address an organisation set for this installation (core/app/deployment.ts), or null. */
  presetHubUrl: string | null;
  /** The person changed `keepSignInWithoutKeyring`: the shell's store moves the session to or off the disk. */
  signInChoiceChanged(): Promise<void>;
}

/** The contract, implemented: one async function per call, each handed input its schema already parsed. */
export function createApi(ctx: CoreContext, env: ApiEnv): StudioApi {
  const ok = { ok: true } as const;
  const publicJob = ({ params: _params, ...job }: ReturnType<CoreContext['jobs']['get']>) => job;
  const recordings = createRecordings(ctx);
  return {
    'app.info': async () => ({
      version: env.version,
      dataDir: env.dataDir,
      shell: env.shell,
      ffmpeg: env.ffmpegVersion,
      ffmpegError: env.ffmpegError,
      signInStorage: env.signInStorage,
      presetHubUrl: env.presetHubUrl,
    }),

    'settings.get': async () => readSettings(ctx.db),
    'settings.set': async (patch) => {
      const settings = writeSettings(ctx.db, patch);
      if (patch.keepSignInWithoutKeyring !== undefined) await env.signInChoiceChanged();
      return settings;
    },

    'lessons.list': async (args) => listLessons(ctx.db, args),
    'lessons.get': async ({ id }) => getLesson(ctx, id),
    'lessons.import': async ({ sources }) => importFiles(ctx, sources),
    'lessons.listFolder': async ({ path }) => ({ files: await videosIn(path) }),
    'lessons.update': async ({ id, patch }) => patchLesson(ctx, id, patch),
    'lessons.delete': async ({ id }) => {
      await removeLesson(ctx, id);
      return ok;
    },

    'notes.list': async ({ lessonId }) => notesOf(ctx, lessonId),
    'notes.add': async (args) => addNote(ctx, args),
    'notes.update': async (args) => editNote(ctx, args),
    'notes.delete': async ({ id }) => {
      removeNote(ctx, id);
      return ok;
    },
    'notes.restore': async ({ id }) => restoreDeletedNote(ctx, id),

    'coding.list': async ({ lessonId }) => codingFor(ctx, lessonId),
    'coding.choose': async (args) => {
      chooseScheme(ctx, args);
      return ok;
    },
    'coding.save': async (args) => saveScheme(ctx, args),
    'coding.delete': async ({ id }) => {
      removeScheme(ctx, id);
      return ok;
    },

    'clips.list': async ({ lessonId }) => clipsOf(ctx, lessonId),
    'clips.add': async (args) => addClip(ctx, args),
    'clips.rename': async (args) => renameExistingClip(ctx, args),
    'clips.delete': async ({ id }) => {
      await removeClip(ctx, id);
      return ok;
    },
    'clips.export': async ({ id }) => publicJob(exportClipJob(ctx, id)),

    'reflection.get': async ({ lessonId }) => reflectionOf(ctx, lessonId),
    'reflection.save': async (args) => saveReflection(ctx, args),

    'search.query': async (args) => searchAll(ctx.db, args),

    'captions.list': async ({ lessonId }) => tracksOf(ctx, lessonId),
    'captions.import': async (args) => importCaptions(ctx, args),
    'captions.text': async ({ id }) => ({ vtt: captionText(ctx, id) }),
    'captions.delete': async ({ id }) => {
      removeCaptions(ctx, id);
      return ok;
    },

    'exports.notes': async (args) => exportNotes(ctx, args),

    'talk.get': async ({ lessonId }) => talkAnalysis(ctx, lessonId),
    'talk.correct': async (args) => correctTalk(ctx, args),
    'talk.analyse': async ({ lessonId }) => {
      getLesson(ctx, lessonId);
      return publicJob(ctx.jobs.enqueue('talk', lessonId));
    },
    ...reviewApi(ctx),

    ...curationCalls(ctx),

    'recording.start': async (args) => recordings.start(args),
    'recording.chunk': async ({ id, seq, data }) => recordings.chunk(id, seq, data),
    'recording.pause': async ({ id }) => {
      await recordings.pause(id);
      return ok;
    },
    'recording.resume': async ({ id }) => {
      await recordings.resume(id);
      return ok;
    },
    'recording.stop': async ({ id, durationMs, title }) => recordings.stop(id, durationMs, title),
    'recording.discard': async ({ id }) => {
      await recordings.discard(id);
      return ok;
    },
    'recording.listUnfinished': async () => recordings.listUnfinished(),
    'recording.recover': async ({ id, title }) => recordings.recover(id, title),
    'recording.discardUnfinished': async ({ id }) => {
      await recordings.discardUnfinished(id);
      return ok;
    },
    'capture.sources': async () => (env.screenSources ? env.screenSources.list() : []),
    'capture.choose': async ({ id }) => {
      if (!env.screenSources) throw new StudioError('not_found', { entity: 'screen source', id });
      env.screenSources.choose(id);
      return ok;
    },

    'jobs.list': async ({ lessonId }) => ctx.jobs.list(lessonId).map(publicJob),
    'jobs.cancel': async ({ id }) => publicJob(ctx.jobs.cancel(id)),
    'jobs.retry': async ({ id }) => publicJob(ctx.jobs.retry(id)),

    ...env.sync,
  };
}
