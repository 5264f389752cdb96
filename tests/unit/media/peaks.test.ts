import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePeaks, type PeaksFile } from '../../../core/media/peaks';
import { locateMediaTools } from '../../../core/media/tools';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';

const tools = locateMediaTools();

describe('makePeaks', { timeout: 20_000 }, () => {
  let dir: string;
  let withSound: string;
  let silent: string;

  beforeAll(async () => {
    dir = await makeMediaDir();
    [withSound, silent] = await Promise.all([
      makeTestVideo(dir, { seconds: 5, width: 160, height: 120 }),
      makeTestVideo(dir, { seconds: 2, width: 160, height: 120, audio: false }),
    ]);
  }, 60_000);
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  async function peaks(input: string, durationMs: number, peaksPerSecond?: number) {
    const out = path.join(dir, `${path.basename(input)}-${peaksPerSecond ?? 'default'}.json`);
    const progress: number[] = [];
    const returned = await makePeaks(tools, input, out, { durationMs, peaksPerSecond, onProgress: (f) => progress.push(f) });
    const file = JSON.parse(await fs.readFile(out, 'utf8')) as PeaksFile;
    expect(file).toEqual(returned);
    return { file, progress };
  }

  it.each([20, 7])('writes min/max pairs at %i per second, in range, that follow the sound', async (pps) => {
    const { file, progress } = await peaks(withSound, 5000, pps);
    expect(file.version).toBe(1);
    expect(file.peaksPerSecond).toBe(pps);
    expect(Math.abs(file.length - 5 * pps)).toBeLessThanOrEqual(1);
    expect(file.data).toHaveLength(file.length * 2);
    for (let i = 0; i < file.data.length; i += 2) {
      const [min, max] = [file.data[i] ?? NaN, file.data[i + 1] ?? NaN];
      expect(min).toBeGreaterThanOrEqual(-1);
      expect(max).toBeLessThanOrEqual(1);
      expect(min).toBeLessThanOrEqual(max);
      expect(Math.round(max * 1000)).toBe(max * 1000);
    }
    // A steady tone: every bucket swings both ways.
    expect(file.data.filter((v, i) => i % 2 === 1 && v > 0.05).length).toBeGreaterThan(file.length * 0.9);
    expect(progress.at(-1)).toBe(1);
  });

  it('writes a valid, empty waveform for a video without sound', async () => {
    const { file } = await peaks(silent, 2000);
    expect(file).toEqual({ version: 1, peaksPerSecond: 20, length: 0, data: [] });
  });
});
