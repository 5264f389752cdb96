import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../common/errors';
import { runFfmpeg, runTool } from '../../../core/media/runner';
import { locateMediaTools } from '../../../core/media/tools';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';

const tools = locateMediaTools();
/** An endless picture: ffmpeg keeps working on it until it is stopped. */
const endless = ['-re', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10'];

/** Processes whose command line contains `marker` (Linux: read from /proc). */
async function processesWith(marker: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await fs.readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(marker)) pids.push(Number(entry));
  }
  return pids;
}

describe('runTool', { timeout: 20_000 }, () => {
  let dir: string;
  let clip: string;
  let streamable: string;

  beforeAll(async () => {
    dir = await makeMediaDir();
    clip = await makeTestVideo(dir, { seconds: 2, width: 160, height: 120 });
    streamable = await makeTestVideo(dir, { seconds: 2, width: 160, height: 120, container: 'webm' });
  }, 60_000);
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('reports progress that only grows, within 0..1, and ends at exactly 1', async () => {
    const seen: number[] = [];
    // -re paces reading at real time, so ffmpeg reports several times along the way.
    await runFfmpeg(tools, ['-re', '-i', clip, '-f', 'null', '-'], { durationMs: 2000, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.at(-1)).toBe(1);
    for (const [i, f] of seen.entries()) {
      expect(f).toBeGreaterThan(i === 0 ? -Infinity : (seen[i - 1] ?? 0));
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(1);
    }
    expect(seen.slice(0, -1).every((f) => f < 1)).toBe(true);
  });

  it.skipIf(process.platform !== 'linux')('cancel stops ffmpeg for good and rejects with media_cancelled', async () => {
    const marker = path.join(dir, `cancel-${Date.now()}.mkv`);
    const controller = new AbortController();
    const run = runFfmpeg(tools, [...endless, '-c:v', 'mpeg4', '-f', 'matroska', marker], {
      signal: controller.signal,
      durationMs: 60_000,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'media_cancelled' });
    expect(await processesWith(marker)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('kills a process that ignores the polite signal', async () => {
    // An ignored signal stays ignored across exec, so this sleep shrugs off SIGTERM; its odd length marks it.
    const seconds = `30.${Date.now() % 100_000}`;
    const controller = new AbortController();
    const run = runTool('/bin/sh', ['-c', `trap "" TERM; echo started; exec sleep ${seconds}`], {
      signal: controller.signal,
      onStdout: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'media_cancelled' });
    if (process.platform === 'linux') expect(await processesWith(seconds)).toEqual([]);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(runFfmpeg(tools, ['-version'], { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'media_cancelled' });
  });

  it('stops at the timeout with media_timeout', async () => {
    const started = Date.now();
    await expect(runFfmpeg(tools, [...endless, '-f', 'null', '-'], { timeoutMs: 500 })).rejects.toMatchObject({ code: 'media_timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('turns a failure into media_failed carrying the end of stderr', async () => {
    const missing = path.join(dir, 'no such lesson.mp4');
    const err = await runFfmpeg(tools, ['-i', missing, '-f', 'null', '-']).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'media_failed', params: { exit: 1 } });
    const detail = String((err as { params: { detail: string } }).params.detail);
    expect(detail).toContain('No such file or directory');
    expect(detail.split('\n').length).toBeLessThanOrEqual(5);
  });

  it.skipIf(!existsSync('/dev/full'))('reports a full disk as disk_full', async () => {
    await expect(runFfmpeg(tools, ['-y', '-i', clip, '-c', 'copy', '-f', 'matroska', '/dev/full'])).rejects.toMatchObject({
      code: 'disk_full',
    });
  });

  it('reports a binary that is not there as ffmpeg_missing', async () => {
    const bin = path.join(dir, 'nowhere', 'ffmpeg');
    await expect(runTool(bin, ['-version'])).rejects.toMatchObject({ code: 'ffmpeg_missing', params: { path: bin } });
  });

  it('streams stdout to onStdout without collecting it, and feeds stdin', async () => {
    // WebM, because an MP4 whose index is at the end cannot be read from a pipe.
    const input = await fs.readFile(streamable);
    let bytes = 0;
    const result = await runTool(
      tools.ffmpeg,
      ['-nostdin', '-v', 'error', '-i', 'pipe:0', '-map', '0:a', '-f', 's16le', '-ac', '1', '-ar', '8000', 'pipe:1'],
      {
        stdin: input,
        onStdout: (chunk) => (bytes += chunk.length),
      },
    );
    expect(result.stdout).toBe('');
    // 2 s of 8 kHz mono 16-bit, give or take an audio frame.
    expect(bytes).toBeGreaterThan(2 * 8000 * 2 * 0.95);
    expect(bytes).toBeLessThan(2 * 8000 * 2 * 1.05);
  });

  const tenSecondsOfPcm = ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=10:sample_rate=16000', '-f', 'f32le', 'pipe:1'];

  it('lets a slow reader consume stdout at its own pace, and settles only once it has read everything', async () => {
    let bytes = 0;
    let done = false;
    await runTool(tools.ffmpeg, tenSecondsOfPcm, {
      consumeStdout: async (stdout) => {
        for await (const chunk of stdout as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          await new Promise((resolve) => setImmediate(resolve));
        }
        done = true;
      },
    });
    expect(done).toBe(true);
    expect(bytes).toBe(10 * 16000 * 4);
  });

  it("stops ffmpeg when the reader fails, and fails with the reader's error", async () => {
    const started = Date.now();
    const failing = runTool(
      tools.ffmpeg,
      [...tenSecondsOfPcm.slice(0, 6), 'sine=duration=3600:sample_rate=16000', ...tenSecondsOfPcm.slice(7)],
      {
        consumeStdout: async (stdout) => {
          for await (const _chunk of stdout as AsyncIterable<Buffer>) throw new StudioError('media_cancelled');
        },
      },
    );
    await expect(failing).rejects.toMatchObject({ code: 'media_cancelled' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
