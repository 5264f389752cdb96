import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportClip } from '../../../core/media/clip';
import { probeMedia } from '../../../core/media/probe';
import { locateMediaTools } from '../../../core/media/tools';
import { decodeFully, makeMediaDir, makeTestVideo } from '../../fixtures/media';

const tools = locateMediaTools();

describe('exportClip', { timeout: 30_000 }, () => {
  let dir: string;
  let lesson: string;

  beforeAll(async () => {
    dir = await makeMediaDir();
    // Keyframes 8 s apart: a cut that snapped to a keyframe would start at 0 and be far too long.
    lesson = await makeTestVideo(dir, { seconds: 8, width: 320, height: 240, container: 'webm', gopSeconds: 8 });
  }, 60_000);
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it.each([
    [2500, 5500],
    [0, 1000],
    [6200, 8000],
  ])('cuts %i–%i ms to within 0.1 s as H.264/AAC MP4 with the index first', async (startMs, endMs) => {
    const out = path.join(dir, `clip-${startMs}-${endMs}.mp4`);
    const progress: number[] = [];
    await exportClip(tools, lesson, out, { startMs, endMs, onProgress: (f) => progress.push(f) });
    await decodeFully(out);
    const probe = await probeMedia(tools, out);
    expect(probe).toMatchObject({ container: 'mp4', videoCodec: 'h264', audioCodec: 'aac', width: 320, height: 240 });
    expect(Math.abs(probe.durationMs - (endMs - startMs))).toBeLessThanOrEqual(100);
    const bytes = await fs.readFile(out);
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    expect(progress.at(-1)).toBe(1);
  });

  it('refuses an empty or backwards range', async () => {
    const out = path.join(dir, 'bad.mp4');
    await expect(exportClip(tools, lesson, out, { startMs: 3000, endMs: 3000 })).rejects.toMatchObject({ code: 'range_invalid' });
    await expect(exportClip(tools, lesson, out, { startMs: 4000, endMs: 1000 })).rejects.toMatchObject({ code: 'range_invalid' });
    await expect(exportClip(tools, lesson, out, { startMs: -1, endMs: 1000 })).rejects.toMatchObject({ code: 'range_invalid' });
  });
});
