import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promisify } from 'node:util';
import { locateMediaTools } from '../../../core/media/tools';
import { decodeFully, makeEmptyFile, makeTestVideo, makeTextFile, makeTruncatedCopy } from '../../fixtures/media';
import { startTestCore, type TestCore } from '../../support/core';
import { rememberedProxySums } from '../../support/library-rows';
import { tempDir } from '../../support/web-shell';

let core: TestCore;
let media: string;

beforeAll(async () => {
  media = await tempDir('import-media');
  core = await startTestCore();
});
afterAll(async () => {
  await core.dispose();
  await fs.rm(media, { recursive: true, force: true });
});

const importPath = (p: string) => core.api['lessons.import']({ sources: [{ kind: 'path', path: p }] });
const libraryCount = async () => (await core.api['lessons.list']({ sort: 'newest', limit: 500, offset: 0 })).total;
const filesUnder = async (dir: string) => (await fs.readdir(dir, { recursive: true })).length;

async function expectRefused(file: string, code: string) {
  const before = await libraryCount();
  const mediaFiles = await filesUnder(path.join(core.dataDir, 'media'));
  const { results } = await importPath(file);
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ ok: false, error: { code } });
  expect(await libraryCount()).toBe(before);
  expect(await filesUnder(path.join(core.dataDir, 'media'))).toBe(mediaFiles);
}

async function expectImported(file: string) {
  const original = await fs.readFile(file);
  const { results } = await importPath(file);
  const result = results[0]!;
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  await core.jobs.idle();
  const lesson = await core.api['lessons.get']({ id: result.lesson.id });
  // The user's original is only read, never changed.
  expect(await fs.readFile(file)).toEqual(original);
  return lesson;
}

describe('importing files into the library', () => {
  it('imports an H.264 MP4 as is: playable straight away, poster, duration, title from the name', async () => {
    const file = await makeTestVideo(media, { name: 'Fractions lesson.mp4', seconds: 4, width: 320, height: 180 });
    const lesson = await expectImported(file);
    expect(lesson.status).toBe('ready');
    expect(lesson.title).toBe('Fractions lesson');
    expect(lesson.durationMs).toBeGreaterThan(3800);
    expect(lesson.durationMs).toBeLessThan(4300);
    const kinds = lesson.assets.map((a) => a.kind).sort();
    expect(kinds).toEqual(['original', 'peaks', 'poster', 'proxy', 'sprite', 'sprite_index']);
    expect(lesson.playbackAssetId).toBe(lesson.assets.find((a) => a.kind === 'original')!.id);
    expect(lesson.posterAssetId).toBe(lesson.assets.find((a) => a.kind === 'poster')!.id);
    // What the pipeline makes is remembered with its checksums, so an export copies it without hashing it.
    const bytes = await fs.readFile(path.join(core.dataDir, 'media', lesson.id, 'proxy.mp4'));
    expect(rememberedProxySums(core.dataDir, lesson.id)).toMatchObject({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      crc32: zlib.crc32(bytes),
      checked_size: bytes.length,
    });
  });

  it('makes a playable H.264 copy only when Chromium cannot play the source (HEVC)', async () => {
    const file = await makeTestVideo(media, { name: 'hevc.mp4', seconds: 2, width: 320, height: 180, videoCodec: 'hevc' });
    const lesson = await expectImported(file);
    expect(lesson.status).toBe('ready');
    const playable = lesson.assets.find((a) => a.kind === 'playable');
    expect(playable).toBeDefined();
    expect(lesson.playbackAssetId).toBe(playable!.id);
  });

  it('imports a video without audio', async () => {
    const lesson = await expectImported(
      await makeTestVideo(media, {
        name: 'silent.webm',
        seconds: 2,
        width: 320,
        height: 180,
        videoCodec: 'vp8',
        container: 'webm',
        audio: false,
      }),
    );
    expect(lesson.status).toBe('ready');
  });

  it('respects rotation metadata: a portrait phone video is shown upright', async () => {
    const lesson = await expectImported(
      await makeTestVideo(media, { name: 'phone.mp4', seconds: 2, width: 320, height: 180, rotation: 90 }),
    );
    expect(lesson.width).toBe(180);
    expect(lesson.height).toBe(320);
  });

  it('accepts names with spaces, quotes and Arabic letters', async () => {
    const lesson = await expectImported(await makeTestVideo(media, { name: `درس 'أول' "1".mp4`, seconds: 2, width: 320, height: 180 }));
    expect(lesson.title).toBe(`درس 'أول' "1"`);
    expect(lesson.originalName).toBe(`درس 'أول' "1".mp4`);
  });

  it('refuses a file that is not a video, and leaves the library unchanged', async () => {
    await expectRefused(await makeTextFile(media, 'not-a-video.mp4'), 'media_unreadable');
  });

  it('refuses an empty file', async () => {
    await expectRefused(await makeEmptyFile(media, 'empty.mp4'), 'media_empty');
  });

  it('refuses a truncated MP4', async () => {
    const whole = await makeTestVideo(media, { name: 'whole.mp4', seconds: 3, width: 320, height: 180 });
    await expectRefused(await makeTruncatedCopy(whole, 0.5, 'truncated.mp4'), 'media_unreadable');
  });

  it('keeps the part of a half-copied MP4 with its index first that plays, and says how much that is', async () => {
    const whole = await makeTestVideo(media, { name: 'phone.mp4', seconds: 6, width: 320, height: 180, gopSeconds: 1, faststart: true });
    const half = await makeTruncatedCopy(whole, 0.5, 'phone-half.mp4');
    const { results } = await importPath(half);
    const result = results[0]!;
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
    await core.jobs.idle();
    const lesson = await core.api['lessons.get']({ id: result.lesson.id });
    const playable = await lastWholeVideoPacketEndMs(half);
    expect(playable).toBeGreaterThan(1500);
    expect(playable).toBeLessThan(4500);
    expect(Math.abs(lesson.durationMs! - playable)).toBeLessThanOrEqual(1000);
    expect(result.partial).toEqual({ playableMs: lesson.durationMs, declaredMs: 6000 });
    expect(lesson.status).toBe('ready');
    // The player works to the end: what it is given decodes without one error, and says its true length.
    const playback = lesson.assets.find((a) => a.id === lesson.playbackAssetId)!;
    expect(playback.kind).toBe('original');
    await decodeFully(path.join(core.dataDir, 'media', lesson.id, 'original.mp4'));
  });

  it('imports a whole MP4 with its index first as it is, with nothing to say about it', async () => {
    const file = await makeTestVideo(media, { name: 'whole-faststart.mp4', seconds: 3, width: 320, height: 180, faststart: true });
    const { results } = await importPath(file);
    const result = results[0]!;
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
    expect(result.partial).toBeUndefined();
    expect(result.lesson.durationMs).toBeGreaterThan(2900);
    expect(await fs.readFile(path.join(core.dataDir, 'media', result.lesson.id, 'original.mp4'))).toEqual(await fs.readFile(file));
    await core.jobs.idle();
  });

  it('keeps a name whose last dot is not an extension, and types the copy by its content', async () => {
    const mp4 = await makeTestVideo(media, { name: 'clock.mp4', seconds: 2, width: 320, height: 180 });
    const named = path.join(media, 'Lesson at 09.30.00');
    await fs.copyFile(mp4, named);
    const lesson = await expectImported(named);
    expect(lesson.title).toBe('Lesson at 09.30.00');
    const original = lesson.assets.find((a) => a.kind === 'original')!;
    expect(original.mime).toBe('video/mp4');
    const served = await core.openAsset(original.id, undefined);
    served.body?.destroy();
    expect(served.headers['Content-Type']).toBe('video/mp4');
  });

  it('says a folder is a folder, and lists the videos in it that could be imported', async () => {
    const folder = path.join(media, 'Term 2 lessons');
    await fs.mkdir(path.join(folder, 'older'), { recursive: true });
    await makeTestVideo(folder, { name: 'b lesson.mp4', seconds: 1, width: 160, height: 90 });
    await makeTestVideo(folder, { name: 'a lesson.MOV', seconds: 1, width: 160, height: 90, container: 'mov' });
    await makeTestVideo(path.join(folder, 'older'), { name: 'nested.mp4', seconds: 1, width: 160, height: 90 });
    await fs.writeFile(path.join(folder, 'plan.txt'), 'plan');
    await fs.writeFile(path.join(folder, '._b lesson.mp4'), 'AppleDouble');
    await expectRefused(folder, 'file_is_folder');
    const { results } = await importPath(folder);
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'file_is_folder', params: { name: 'Term 2 lessons', count: 2 } } });
    const listed = await core.api['lessons.listFolder']({ path: folder });
    expect(listed.files.map((f) => f.name)).toEqual(['a lesson.MOV', 'b lesson.mp4']);
    expect(listed.files[0]!.path).toBe(path.join(folder, 'a lesson.MOV'));
    await expect(core.api['lessons.listFolder']({ path: path.join(media, 'nowhere') })).rejects.toMatchObject({ code: 'file_not_found' });
  });

  it('refuses a path that does not exist', async () => {
    await expectRefused(path.join(media, 'missing.mp4'), 'file_not_found');
  });

  it('imports several files at once; one refused file does not stop the others', async () => {
    const good = await makeTestVideo(media, { name: 'batch-good.mp4', seconds: 2, width: 320, height: 180 });
    const bad = await makeTextFile(media, 'batch-bad.mov');
    const before = await libraryCount();
    const { results } = await core.api['lessons.import']({
      sources: [
        { kind: 'path', path: bad },
        { kind: 'path', path: good },
      ],
    });
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(await libraryCount()).toBe(before + 1);
    await core.jobs.idle();
  });
});

/** Where the playable part of a cut file ends, by ffprobe's own packet list: the last video packet whose bytes are all there. */
async function lastWholeVideoPacketEndMs(file: string): Promise<number> {
  const size = (await fs.stat(file)).size;
  const { stdout } = await promisify(execFile)(locateMediaTools().ffprobe, [
    '-v',
    'quiet',
    '-select_streams',
    'v:0',
    '-show_entries',
    'packet=pts_time,duration_time,pos,size',
    '-of',
    'csv=p=0',
    file,
  ]);
  let end = 0;
  for (const line of stdout.trim().split('\n')) {
    const [pts, duration, pos, bytes] = line.split(',').map(Number);
    if (pos! + bytes! <= size) end = Math.max(end, (pts! + duration!) * 1000);
  }
  return end;
}
