import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError, toErrorPayload } from '../../common/errors';
import type { CallOutput } from '../../common/contract';
import type { ImportSource } from '../../common/schemas/lesson';
import { newId } from '../app/ids';
import type { CoreContext } from '../app/context';
import { probeMedia } from '../media/probe';
import { needsPlayableCopy } from '../media/playable';
import { makePoster, makeWaveformPoster } from '../media/poster';
import { isCutShort, keepWholePart } from '../media/truncation';
import { titleFromName, writeAtomically } from './files';
import { countVideosIn } from './folder';
import { libraryCopyType } from './mime';
import { importJobs, posterTimeMs } from './pipeline';
import { insertLesson, upsertAsset } from './queries';
import { getLesson } from './lessons';

/**
 * Imports each file on its own: one refused file never stops the others, and a refused file leaves
 * the library exactly as it was. The user's original is only read, never moved or changed.
 */
export async function importFiles(ctx: CoreContext, sources: ImportSource[]): Promise<CallOutput<'lessons.import'>> {
  const results: CallOutput<'lessons.import'>['results'] = [];
  for (const source of sources) {
    const name = source.kind === 'path' ? path.basename(source.path) : source.name;
    try {
      const { lesson, partial } = await importOne(ctx, source, name);
      results.push({ ok: true, name, lesson, ...(partial && { partial }) });
    } catch (err) {
      ctx.logger.warn('import refused', { name, error: toErrorPayload(err).code });
      results.push({ ok: false, name, error: toErrorPayload(err) });
    } finally {
      if (source.kind === 'staged') await fs.rm(ctx.paths.stagedFile(source.stagedId), { force: true });
    }
  }
  return { results };
}

async function importOne(ctx: CoreContext, source: ImportSource, name: string) {
  const tools = ctx.requireTools();
  const file = source.kind === 'path' ? source.path : ctx.paths.stagedFile(source.stagedId);
  const stat = await fs.stat(file).catch(() => null);
  // A folder is said to be one, with how many videos it holds, so the person can be offered those.
  if (stat?.isDirectory()) throw new StudioError('file_is_folder', { name, count: await countVideosIn(file) });
  if (!stat?.isFile()) throw new StudioError('file_not_found', { name });
  if (stat.size === 0) throw new StudioError('media_empty', { name });

  // Probe before copying: a file with neither picture nor sound is refused without writing anything.
  // Sound alone is a lesson too (many teachers may record sound where they may not film children).
  const declared = await probeMedia(tools, file, { allowAudioOnly: true });
  const audioOnly = !declared.hasVideo;
  const container = declared.container === 'mp4' || declared.container === 'mov' ? declared.container : null;
  const cutShort = container !== null && (await isCutShort(file));
  const needsPlayable = needsPlayableCopy(declared);
  const id = newId();
  const dir = ctx.paths.lessonDir(id);
  // Named and served by what is inside it: a name may have no extension, or one that misleads.
  const { ext, mime } = libraryCopyType(declared.container, audioOnly);
  const relPath = path.join(id, `original.${ext}`);
  const target = path.join(ctx.paths.media, relPath);
  const posterFile = path.join(dir, 'poster.jpg');
  let probe = declared;
  await fs.mkdir(dir, { recursive: true });
  try {
    // The poster is cut from the source while the copy runs: a video whose frames cannot be decoded is
    // refused here, and a playable lesson arrives with its poster, as fast as the copy allows.
    const poster = (from: string) =>
      writeAtomically(posterFile, (tmp) =>
        audioOnly ? makeWaveformPoster(tools, from, tmp) : makePoster(tools, from, tmp, { atMs: posterTimeMs(probe.durationMs) }),
      ).catch((err: unknown) => {
        throw new StudioError('media_unreadable', { name }, { cause: err });
      });
    if (cutShort && container) {
      // The part that plays is kept, with its true length, rather than a lesson that breaks halfway.
      probe = await keepWholePart(tools, file, target, container);
      await poster(target);
    } else if (source.kind === 'staged') {
      await fs.rename(file, target);
      await poster(target);
    } else {
      await Promise.all([fs.copyFile(file, target, fs.constants.COPYFILE_FICLONE), poster(file)]);
    }
    const sizeBytes = cutShort ? (await fs.stat(target)).size : stat.size;
    const posterSize = (await fs.stat(posterFile)).size;
    const now = ctx.now();
    ctx.db.transaction(() => {
      insertLesson(ctx.db, {
        id,
        title: titleFromName(name),
        status: needsPlayable ? 'processing' : 'ready',
        source: 'import',
        originalName: name,
        durationMs: probe.durationMs,
        width: audioOnly ? null : probe.width,
        height: audioOnly ? null : probe.height,
        rotation: probe.rotation,
        videoCodec: probe.videoCodec,
        audioCodec: probe.audioCodec,
        now,
      });
      upsertAsset(ctx.db, { id: newId(), lessonId: id, kind: 'original', relPath, mime, sizeBytes, now });
      upsertAsset(ctx.db, {
        id: newId(),
        lessonId: id,
        kind: 'poster',
        relPath: path.join(id, 'poster.jpg'),
        mime: 'image/jpeg',
        sizeBytes: posterSize,
        now,
      });
    })();
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
  for (const kind of importJobs(needsPlayable, audioOnly)) ctx.jobs.enqueue(kind, id);
  ctx.bus.emit('library.changed', { lessonIds: [id] });
  const partial = cutShort ? { playableMs: probe.durationMs, declaredMs: declared.durationMs } : undefined;
  return { lesson: getLesson(ctx, id), partial };
}
