import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../../core/media/probe';
import { makeProxy, type ProxyPreset } from '../../../core/media/proxy';
import { locateMediaTools } from '../../../core/media/tools';
import { decodeFully, makeMediaDir, makeTestVideo } from '../../fixtures/media';

const tools = locateMediaTools();

describe('makeProxy', { timeout: 30_000 }, () => {
  let dir: string;
  let hd: string;
  let portrait: string;
  let tiny: string;

  beforeAll(async () => {
    dir = await makeMediaDir();
    [hd, portrait, tiny] = await Promise.all([
      makeTestVideo(dir, { seconds: 3, width: 1280, height: 720, fps: 60 }),
      makeTestVideo(dir, { seconds: 2, width: 1280, height: 720, rotation: 90, audio: false }),
      makeTestVideo(dir, { seconds: 2, width: 320, height: 240, container: 'webm' }),
    ]);
  }, 60_000);
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  async function proxy(input: string, preset: ProxyPreset) {
    const out = path.join(dir, `${path.basename(input)}-${preset}.mp4`);
    const source = await probeMedia(tools, input);
    const progress: number[] = [];
    await makeProxy(tools, input, out, { preset, durationMs: source.durationMs, onProgress: (f) => progress.push(f) });
    await decodeFully(out);
    const probe = await probeMedia(tools, out);
    const bytes = await fs.readFile(out);
    return { probe, progress, moovFirst: bytes.indexOf('moov') < bytes.indexOf('mdat') };
  }

  it.each([
    ['standard', 854, 480, 600],
    ['low', 640, 360, 250],
  ] as const)('%s: %ix%i H.264/AAC at about %i kbit/s, 30 fps at most, index first', async (preset, width, height, kbits) => {
    const { probe, progress, moovFirst } = await proxy(hd, preset);
    expect(probe).toMatchObject({
      container: 'mp4',
      videoCodec: 'h264',
      audioCodec: 'aac',
      pixelFormat: 'yuv420p',
      width,
      height,
      rotation: 0,
      fps: 30,
    });
    expect(Math.abs(probe.durationMs - 3000)).toBeLessThan(150);
    // Total bitrate, audio included; a 3 s clip leaves x264 little room to settle, hence the margin.
    expect((probe.sizeBytes * 8) / probe.durationMs).toBeLessThan(kbits * 2);
    expect(moovFirst).toBe(true);
    expect(progress.at(-1)).toBe(1);
  });

  it('limits the shorter side of a portrait video and stores it upright', async () => {
    const { probe } = await proxy(portrait, 'standard');
    expect(probe).toMatchObject({ width: 480, height: 854, rotation: 0, hasAudio: false });
  });

  it('never enlarges a small source', async () => {
    const { probe } = await proxy(tiny, 'standard');
    expect(probe).toMatchObject({ width: 320, height: 240, videoCodec: 'h264', audioCodec: 'aac' });
  });
});
