import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeStreams } from '../../../core/media/probe';
import { makeSprite, type SpriteIndex } from '../../../core/media/sprite';
import { locateMediaTools } from '../../../core/media/tools';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';

const tools = locateMediaTools();

describe('makeSprite', { timeout: 30_000 }, () => {
  let dir: string;
  let sparseKeys: string;
  let denseKeys: string;

  beforeAll(async () => {
    dir = await makeMediaDir();
    [sparseKeys, denseKeys] = await Promise.all([
      makeTestVideo(dir, { seconds: 8, width: 640, height: 360, audio: false, name: 'sparse.mp4' }),
      makeTestVideo(dir, { seconds: 8, width: 640, height: 360, audio: false, gopSeconds: 1, name: 'dense.mp4' }),
    ]);
  }, 60_000);
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  async function sprite(input: string, opts: { intervalS?: number; columns?: number } = {}) {
    const jpg = path.join(dir, `${path.basename(input)}-${opts.intervalS ?? 'auto'}-${opts.columns ?? 'auto'}.jpg`);
    const json = jpg.replace(/\.jpg$/, '.json');
    const progress: number[] = [];
    const returned = await makeSprite(tools, input, jpg, json, { durationMs: 8000, ...opts, onProgress: (f) => progress.push(f) });
    const index = JSON.parse(await fs.readFile(json, 'utf8')) as SpriteIndex;
    const image = (await probeStreams(tools, jpg)).streams[0];
    return { index, returned, image: { width: image?.width, height: image?.height, codec: image?.codec_name }, progress };
  }

  it.each([
    ['one keyframe (every frame decoded)', () => sparseKeys],
    ['a keyframe every second (keyframes only)', () => denseKeys],
  ])('writes one JPEG grid and an index that matches it: %s', async (_label, input) => {
    const { index, returned, image, progress } = await sprite(input());
    expect(index).toEqual(returned);
    expect(index).toEqual({ version: 1, intervalS: 2, tileWidth: 160, tileHeight: 90, columns: 4, rows: 1, count: 4 });
    expect(image).toEqual({ width: index.columns * index.tileWidth, height: index.rows * index.tileHeight, codec: 'mjpeg' });
    expect(progress.at(-1)).toBe(1);
  });

  it('wraps into rows when there are more tiles than columns', async () => {
    const { index, image } = await sprite(denseKeys, { intervalS: 1, columns: 3 });
    expect(index).toMatchObject({ intervalS: 1, columns: 3, rows: 3, count: 8, tileWidth: 160, tileHeight: 90 });
    expect(image).toMatchObject({ width: 480, height: 270 });
  });
});
