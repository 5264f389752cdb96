import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../common/errors';
import type { JobKind } from '../../common/schemas/job';
import type { Asset } from '../../common/schemas/lesson';
import type { CoreContext } from '../app/context';
import { clipJobHandler } from '../clips/export-job';
import { newId } from '../app/ids';
import { fileChecksums } from '../library/checksums';
import { writeAtomically } from '../library/files';
import { mimeForExtension } from '../library/mime';
import { posterTimeMs, recordingFollowUpJobs } from '../library/pipeline';
import { getLessonRow, lessonAssets, lessonIsAudioOnly, setLessonMedia, upsertAsset } from '../library/queries';
import { makePeaks } from '../media/peaks';
import { makePlayableCopy } from '../media/playable';
import { makePoster, makeWaveformPoster } from '../media/poster';
import { makeProxy } from '../media/proxy';
import { remuxRecording } from '../media/remux';
import { makeSprite } from '../media/sprite';
import type { PackageJobKind } from '../packages/packages';
import { runDetectJob, runFollowJob, runRenderJob } from '../blur/jobs';
import { runTalkJob } from '../talk/talk';
import type { JobContext, JobHandler } from './queue';

type Ctx = Omit<CoreContext, 'jobs'> & { enqueue(kind: JobKind, lessonId: string): void; proxyPreset(): 'standard' | 'low' };

interface LessonMedia {
  lessonId: string;
  durationMs: number;
  audioOnly: boolean;
  source: string;
  dir: string;
  register(kind: Asset['kind'], fileName: string): Promise<void>;
}

/** Loads what every media job needs: the lesson, its source file and where its outputs go. */
function lessonMedia(ctx: Ctx, job: JobContext['job']): LessonMedia {
  const lessonId = job.lessonId;
  const lesson = lessonId ? getLessonRow(ctx.db, lessonId) : undefined;
  if (!lessonId || !lesson) throw new StudioError('not_found', { entity: 'lesson', id: lessonId ?? '' });
  const original = lessonAssets(ctx.db, lessonId).find((a) => a.kind === 'original');
  if (!original) throw new StudioError('not_found', { entity: 'asset', id: `${lessonId}/original` });
  const dir = ctx.paths.lessonDir(lessonId);
  return {
    lessonId,
    durationMs: lesson.durationMs ?? 0,
    audioOnly: lessonIsAudioOnly(ctx.db, lessonId),
    source: path.join(ctx.paths.media, original.relPath),
    dir,
    async register(kind, fileName) {
      const sums = await fileChecksums(path.join(dir, fileName));
      upsertAsset(ctx.db, {
        id: newId(),
        lessonId,
        kind,
        relPath: path.join(lessonId, fileName),
        mime: mimeForExtension(path.extname(fileName).slice(1)),
        sizeBytes: sums.size,
        now: ctx.now(),
        sums,
      });
    },
  };
}

export function mediaJobHandlers(ctx: Ctx): Record<Exclude<JobKind, PackageJobKind>, JobHandler> {
  const tools = () => ctx.requireTools();
  return {
    async poster({ job, signal }) {
      const m = lessonMedia(ctx, job);
      const atMs = posterTimeMs(m.durationMs);
      await writeAtomically(path.join(m.dir, 'poster.jpg'), (tmp) =>
        m.audioOnly ? makeWaveformPoster(tools(), m.source, tmp, { signal }) : makePoster(tools(), m.source, tmp, { atMs, signal }),
      );
      await m.register('poster', 'poster.jpg');
    },
    async playable({ job, signal, progress }) {
      const m = lessonMedia(ctx, job);
      await writeAtomically(path.join(m.dir, 'playable.mp4'), (tmp) =>
        makePlayableCopy(tools(), m.source, tmp, { durationMs: m.durationMs, audioOnly: m.audioOnly, signal, onProgress: progress }),
      );
      await m.register('playable', 'playable.mp4');
    },
    async sprite({ job, signal, progress }) {
      const m = lessonMedia(ctx, job);
      const jpg = path.join(m.dir, 'sprite.jpg');
      const json = path.join(m.dir, 'sprite.json');
      await writeAtomically(jpg, (tmpJpg) =>
        writeAtomically(json, (tmpJson) =>
          makeSprite(tools(), m.source, tmpJpg, tmpJson, { durationMs: m.durationMs, signal, onProgress: progress }),
        ),
      );
      await m.register('sprite', 'sprite.jpg');
      await m.register('sprite_index', 'sprite.json');
    },
    async peaks({ job, signal, progress }) {
      const m = lessonMedia(ctx, job);
      await writeAtomically(path.join(m.dir, 'peaks.json'), (tmp) =>
        makePeaks(tools(), m.source, tmp, { durationMs: m.durationMs, signal, onProgress: progress }),
      );
      await m.register('peaks', 'peaks.json');
    },
    async proxy({ job, signal, progress }) {
      const m = lessonMedia(ctx, job);
      const preset = job.params.preset === 'low' || job.params.preset === 'standard' ? job.params.preset : ctx.proxyPreset();
      await writeAtomically(path.join(m.dir, 'proxy.mp4'), (tmp) =>
        makeProxy(tools(), m.source, tmp, { preset, durationMs: m.durationMs, audioOnly: m.audioOnly, signal, onProgress: progress }),
      );
      await m.register('proxy', 'proxy.mp4');
    },
    remux: remuxJobHandler(ctx),
    clip: clipJobHandler(ctx),
    talk: talkJobHandler(ctx),
    async blur_detect(j) {
      const m = lessonMedia(ctx, j.job);
      await runDetectJob(ctx, tools(), m.lessonId, j);
    },
    async blur_follow(j) {
      const m = lessonMedia(ctx, j.job);
      await runFollowJob(ctx, tools(), m.lessonId, j);
    },
    async blur_render(j) {
      const m = lessonMedia(ctx, j.job);
      // A new version beside the original, which is only read.
      await writeAtomically(path.join(m.dir, 'blurred.mp4'), (tmp) => runRenderJob(ctx, tools(), m.lessonId, m.source, tmp, j));
      await m.register('blurred', 'blurred.mp4');
    },
  };
}

/** A stopped or recovered recording's part file, remuxed into the lesson's seekable original; the other media jobs follow. */
function remuxJobHandler(ctx: Ctx): JobHandler {
  const tools = () => ctx.requireTools();
  return async ({ job, signal }) => {
    const lessonId = job.lessonId;
    const part = typeof job.params.partPath === 'string' ? job.params.partPath : null;
    if (!lessonId || !part) throw new StudioError('recording_not_found', { id: lessonId ?? '' });
    const dir = ctx.paths.lessonDir(lessonId);
    await fs.mkdir(dir, { recursive: true });
    const probe = await writeAtomically(path.join(dir, 'original.webm'), (tmp) => remuxRecording(tools(), part, tmp, { signal }));
    const { size } = await fs.stat(path.join(dir, 'original.webm'));
    ctx.db.transaction(() => {
      setLessonMedia(ctx.db, lessonId, probe, ctx.now());
      upsertAsset(ctx.db, {
        id: newId(),
        lessonId,
        kind: 'original',
        relPath: path.join(lessonId, 'original.webm'),
        mime: 'video/webm',
        sizeBytes: size,
        now: ctx.now(),
      });
    })();
    await fs.rm(part, { force: true });
    for (const kind of recordingFollowUpJobs) ctx.enqueue(kind, lessonId);
  };
}

/** Talk analysis of a lesson's sound, from the best copy of it the lesson has. */
function talkJobHandler(ctx: Ctx): JobHandler {
  return async ({ job, signal, progress }) => {
    const lessonId = job.lessonId;
    // A lesson from a community or a package may have only its proxy: the sound is the same.
    const assets = lessonId ? lessonAssets(ctx.db, lessonId) : [];
    const source = (['original', 'playable', 'proxy'] as const).map((k) => assets.find((a) => a.kind === k)).find(Boolean);
    if (!lessonId || !source) throw new StudioError('not_found', { entity: 'asset', id: `${lessonId ?? ''}/original` });
    await runTalkJob(ctx, ctx.requireTools(), path.join(ctx.paths.media, source.relPath), lessonId, { signal, progress });
  };
}
