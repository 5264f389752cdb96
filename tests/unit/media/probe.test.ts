import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../../core/media/probe';
import { locateMediaTools } from '../../../core/media/tools';
import {
  makeEmptyFile,
  makeMediaDir,
  makeTestAudio,
  makeTestPhoto,
  makeTestVideo,
  makeTextFile,
  makeTruncatedCopy,
} from '../../fixtures/media';

const tools = locateMediaTools();

describe('probeMedia', { timeout: 20_000 }, () => {
  let dir: string;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dir = await makeMediaDir();
    const small = { seconds: 3, width: 320, height: 240 } as const;
    const made = {
      mp4: makeTestVideo(dir, { ...small, name: `درس 'أول' "1".mp4` }),
      rot90: makeTestVideo(dir, { ...small, rotation: 90 }),
      rot180: makeTestVideo(dir, { ...small, rotation: 180 }),
      rot270: makeTestVideo(dir, { ...small, rotation: 270, container: 'mov' }),
      silent: makeTestVideo(dir, { ...small, audio: false }),
      vp9: makeTestVideo(dir, { ...small, container: 'webm', videoCodec: 'vp9' }),
      hevc: makeTestVideo(dir, { ...small, container: 'mkv', videoCodec: 'hevc' }),
      avi: makeTestVideo(dir, { ...small, container: 'avi', fps: 25 }),
      recorded: makeTestVideo(dir, { ...small, seconds: 4, container: 'webm', cues: false }),
      audio: makeTestAudio(dir, 2),
      text: makeTextFile(dir),
      photo: makeTestPhoto(dir),
      misnamedPhoto: makeTestPhoto(dir, 'holiday.mp4'),
      empty: makeEmptyFile(dir),
    };
    for (const [key, file] of Object.entries(made)) files[key] = await file;
    files.truncatedMp4 = await makeTruncatedCopy(files.mp4 ?? '', 0.5, 'cut.mp4');
    files.truncatedWebm = await makeTruncatedCopy(files.recorded ?? '', 0.6, 'cut.webm');
  }, 60_000);
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  const probe = (key: string) => probeMedia(tools, files[key] ?? '');

  it('describes an MP4 whose name has spaces, quotes and Arabic letters', async () => {
    const stat = await fs.stat(files.mp4 ?? '');
    expect(await probe('mp4')).toEqual({
      durationMs: 3000,
      sizeBytes: stat.size,
      container: 'mp4',
      hasVideo: true,
      hasAudio: true,
      videoCodec: 'h264',
      audioCodec: 'aac',
      width: 320,
      height: 240,
      rotation: 0,
      fps: 30,
      pixelFormat: 'yuv420p',
    });
  });

  it('gives display dimensions and the clockwise rotation of a rotated video', async () => {
    expect(await probe('rot90')).toMatchObject({ width: 240, height: 320, rotation: 90 });
    expect(await probe('rot180')).toMatchObject({ width: 320, height: 240, rotation: 180 });
    expect(await probe('rot270')).toMatchObject({ width: 240, height: 320, rotation: 270, container: 'mov' });
  });

  it('reports a video without sound', async () => {
    expect(await probe('silent')).toMatchObject({ hasVideo: true, hasAudio: false, audioCodec: null });
  });

  it('names containers and codecs', async () => {
    expect(await probe('vp9')).toMatchObject({ container: 'webm', videoCodec: 'vp9', audioCodec: 'opus' });
    expect(await probe('hevc')).toMatchObject({ container: 'matroska', videoCodec: 'hevc', audioCodec: 'opus' });
    expect(await probe('avi')).toMatchObject({ container: 'avi', videoCodec: 'mpeg4', audioCodec: 'mp3', fps: 25 });
  });

  it('finds the duration of a MediaRecorder-style file that does not state one', async () => {
    const result = await probe('recorded');
    expect(result.durationMs).toBeGreaterThan(3900);
    expect(result.durationMs).toBeLessThan(4100);
  });

  it('reads what survives of a truncated recording', async () => {
    const result = await probe('truncatedWebm');
    expect(result.durationMs).toBeGreaterThan(1000);
    expect(result.durationMs).toBeLessThan(3800);
  });

  it('accepts sound alone only when asked (an audio-only lesson), never a photo', async () => {
    expect(await probeMedia(tools, files.audio ?? '', { allowAudioOnly: true })).toMatchObject({
      hasVideo: false,
      hasAudio: true,
      container: 'mp4',
      videoCodec: null,
      audioCodec: 'aac',
      width: 0,
      height: 0,
    });
    await expect(probeMedia(tools, files.photo ?? '', { allowAudioOnly: true })).rejects.toMatchObject({ code: 'media_no_video' });
  });

  it('refuses audio only, a photo, empty, missing, mislabelled and truncated files with their own codes', async () => {
    await expect(probe('audio')).rejects.toMatchObject({ code: 'media_no_video' });
    await expect(probe('photo')).rejects.toMatchObject({ code: 'media_no_video' });
    await expect(probe('misnamedPhoto')).rejects.toMatchObject({ code: 'media_no_video' });
    await expect(probe('empty')).rejects.toMatchObject({ code: 'media_empty' });
    await expect(probeMedia(tools, path.join(dir, 'gone.mp4'))).rejects.toMatchObject({ code: 'file_not_found' });
    await expect(probeMedia(tools, dir)).rejects.toMatchObject({ code: 'file_not_found' });
    await expect(probe('text')).rejects.toMatchObject({ code: 'media_unreadable' });
    // An MP4 keeps its index at the end, so its first half cannot be read at all.
    await expect(probe('truncatedMp4')).rejects.toMatchObject({ code: 'media_unreadable' });
  });
});
