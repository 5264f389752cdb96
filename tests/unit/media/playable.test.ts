import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePlayableCopy, needsPlayableCopy } from '../../../core/media/playable';
import { probeMedia, type ProbeResult } from '../../../core/media/probe';
import { locateMediaTools } from '../../../core/media/tools';
import { decodeFully, makeMediaDir, makeTestVideo } from '../../fixtures/media';

const tools = locateMediaTools();

const base: ProbeResult = {
  durationMs: 1000,
  sizeBytes: 1000,
  container: 'mp4',
  hasVideo: true,
  hasAudio: true,
  videoCodec: 'h264',
  audioCodec: 'aac',
  width: 1280,
  height: 720,
  rotation: 0,
  fps: 30,
  pixelFormat: 'yuv420p',
};

describe('needsPlayableCopy', () => {
  const playable: Partial<ProbeResult>[] = [
    {},
    { container: 'mov' },
    { container: 'm4v' },
    { container: 'webm', videoCodec: 'vp8', audioCodec: 'opus' },
    { container: 'webm', videoCodec: 'vp9', audioCodec: 'vorbis' },
    { container: 'webm', videoCodec: 'av1', audioCodec: null, hasAudio: false },
    { container: 'matroska', videoCodec: 'h264', audioCodec: 'flac' },
    { container: 'ogg', videoCodec: 'vp8', audioCodec: 'vorbis' },
    { audioCodec: 'mp3' },
    { pixelFormat: 'yuvj420p' },
    { rotation: 90 },
  ];
  const unplayable: Partial<ProbeResult>[] = [
    { videoCodec: 'hevc' },
    { videoCodec: 'prores', container: 'mov' },
    { videoCodec: 'mpeg2video' },
    { videoCodec: 'mpeg4' },
    { videoCodec: 'wmv3', container: 'asf', audioCodec: 'wmav2' },
    { container: 'avi' },
    { container: 'asf' },
    { container: 'mpegts' },
    { audioCodec: 'ac3' },
    { audioCodec: 'pcm_s16le', container: 'mov' },
    { pixelFormat: 'yuv420p10le' },
    { pixelFormat: 'yuv422p' },
  ];
  it.each(playable)('plays as is: %o', (change) => expect(needsPlayableCopy({ ...base, ...change })).toBe(false));
  it.each(unplayable)('needs a copy: %o', (change) => expect(needsPlayableCopy({ ...base, ...change })).toBe(true));

  const sound = { ...base, hasVideo: false, videoCodec: null, pixelFormat: null, width: 0, height: 0, fps: null };
  const playableSound: Partial<ProbeResult>[] = [
    { container: 'mp4', audioCodec: 'aac' },
    { container: 'mp3', audioCodec: 'mp3' },
    { container: 'wav', audioCodec: 'pcm_s16le' },
    { container: 'ogg', audioCodec: 'vorbis' },
    { container: 'ogg', audioCodec: 'opus' },
    { container: 'flac', audioCodec: 'flac' },
  ];
  const unplayableSound: Partial<ProbeResult>[] = [
    { container: 'asf', audioCodec: 'wmav2' },
    { container: 'wav', audioCodec: 'adpcm_ms' },
    { container: 'aac', audioCodec: 'aac' },
    { container: 'mp4', audioCodec: 'alac' },
  ];
  it.each(playableSound)('sound alone plays as is: %o', (change) => expect(needsPlayableCopy({ ...sound, ...change })).toBe(false));
  it.each(unplayableSound)('sound alone needs a copy: %o', (change) => expect(needsPlayableCopy({ ...sound, ...change })).toBe(true));
});

describe('makePlayableCopy', { timeout: 30_000 }, () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeMediaDir();
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  async function copyOf(source: string): Promise<{ probe: ProbeResult; progress: number[] }> {
    const output = path.join(dir, `${path.basename(source)}.playable.mp4`);
    const progress: number[] = [];
    const before = await probeMedia(tools, source);
    await makePlayableCopy(tools, source, output, { durationMs: before.durationMs, onProgress: (f) => progress.push(f) });
    await decodeFully(output);
    return { probe: await probeMedia(tools, output), progress };
  }

  it.each([
    { videoCodec: 'hevc', container: 'mp4' },
    { videoCodec: 'mpeg2', container: 'mkv' },
    { videoCodec: 'mpeg4', container: 'avi' },
  ] as const)('turns $videoCodec in $container into H.264/AAC MP4 that Chromium plays', async (kind) => {
    const source = await makeTestVideo(dir, { seconds: 3, width: 320, height: 240, ...kind });
    expect(needsPlayableCopy(await probeMedia(tools, source))).toBe(true);
    const { probe, progress } = await copyOf(source);
    expect(probe).toMatchObject({
      container: 'mp4',
      videoCodec: 'h264',
      audioCodec: 'aac',
      pixelFormat: 'yuv420p',
      width: 320,
      height: 240,
    });
    expect(Math.abs(probe.durationMs - 3000)).toBeLessThan(150);
    expect(needsPlayableCopy(probe)).toBe(false);
    expect(progress.at(-1)).toBe(1);
  });

  it('turns a rotated picture upright and leaves no rotation behind', async () => {
    const source = await makeTestVideo(dir, { seconds: 2, width: 320, height: 240, rotation: 90, videoCodec: 'hevc' });
    const { probe } = await copyOf(source);
    expect(probe).toMatchObject({ width: 240, height: 320, rotation: 0 });
  });

  it('writes no audio stream for a silent source, and evens odd dimensions', async () => {
    const source = await makeTestVideo(dir, { seconds: 2, width: 321, height: 241, audio: false, container: 'avi' });
    const { probe } = await copyOf(source);
    expect(probe).toMatchObject({ hasAudio: false, audioCodec: null, width: 320, height: 240 });
  });
});
