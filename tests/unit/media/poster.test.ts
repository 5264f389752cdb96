import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePoster } from '../../../core/media/poster';
import { probeStreams } from '../../../core/media/probe';
import { locateMediaTools } from '../../../core/media/tools';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';

const tools = locateMediaTools();

describe('makePoster', { timeout: 20_000 }, () => {
  let dir: string;
  let landscape: string;
  let rotated: string;

  beforeAll(async () => {
    dir = await makeMediaDir();
    [landscape, rotated] = await Promise.all([
      makeTestVideo(dir, { seconds: 3, width: 1280, height: 720, audio: false }),
      makeTestVideo(dir, { seconds: 3, width: 320, height: 240, rotation: 90 }),
    ]);
  }, 60_000);
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  async function jpeg(file: string): Promise<{ width: number; height: number }> {
    const bytes = await fs.readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const stream = (await probeStreams(tools, file)).streams[0];
    expect(stream?.codec_name).toBe('mjpeg');
    return { width: stream?.width ?? 0, height: stream?.height ?? 0 };
  }

  it('writes a JPEG scaled down to the maximum width, keeping the aspect ratio', async () => {
    const out = path.join(dir, 'poster.jpg');
    await makePoster(tools, landscape, out, { atMs: 1500 });
    expect(await jpeg(out)).toEqual({ width: 640, height: 360 });
    await makePoster(tools, landscape, out, { atMs: 1500, maxWidth: 160 });
    expect(await jpeg(out)).toEqual({ width: 160, height: 90 });
  });

  it('never enlarges, and shows a rotated video upright', async () => {
    const out = path.join(dir, 'upright.jpg');
    await makePoster(tools, rotated, out, { atMs: 500 });
    expect(await jpeg(out)).toEqual({ width: 240, height: 320 });
  });

  it('falls back to the first frame when asked for a moment past the end', async () => {
    const out = path.join(dir, 'late.jpg');
    await makePoster(tools, landscape, out, { atMs: 60_000 });
    expect(await jpeg(out)).toEqual({ width: 640, height: 360 });
  });
});
