import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateMediaTools } from '../../../core/media/tools';
import { probeMedia } from '../../../core/media/probe';
import { makeTestVideo } from '../../fixtures/media';
import { startTestCore } from '../../support/core';
import { tempDir } from '../../support/web-shell';

let media: string;
let dataDir: string;

beforeAll(async () => {
  media = await tempDir('resume-media');
  dataDir = await tempDir('resume-data');
});
afterAll(async () => {
  await fs.rm(media, { recursive: true, force: true });
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the job queue across a restart', () => {
  it('resumes a proxy job that was cut off and finishes it', async () => {
    const video = await makeTestVideo(media, { name: 'long lesson.mp4', seconds: 20, width: 1280, height: 720 });
    const first = await startTestCore(dataDir);
    const proxyRunning = new Promise<string>((resolve) => {
      first.bus.subscribe((name, payload) => {
        const job = payload as { id: string; kind: string; status: string; progress: number };
        if (name === 'jobs.progress' && job.kind === 'proxy' && job.status === 'running' && job.progress > 0.05) resolve(job.id);
      });
    });
    const { results } = await first.api['lessons.import']({ sources: [{ kind: 'path', path: video }] });
    const lessonId = results[0]!.ok ? results[0]!.lesson.id : '';
    const jobId = await proxyRunning;
    // Shutting down leaves the running job marked running, as a crash or a quit would.
    await first.close();

    const second = await startTestCore(dataDir);
    try {
      await second.jobs.idle();
      const job = second.jobs.get(jobId);
      expect(job).toMatchObject({ status: 'done', attempts: 2 });
      const lesson = await second.api['lessons.get']({ id: lessonId });
      const proxy = lesson.assets.find((a) => a.kind === 'proxy');
      expect(proxy).toBeDefined();
      const probe = await probeMedia(locateMediaTools(), path.join(dataDir, 'media', lessonId, 'proxy.mp4'));
      expect(probe).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac', height: 480 });
      expect(probe.durationMs).toBeGreaterThan(19_000);
      // No half-written proxy was left beside it.
      expect((await fs.readdir(path.join(dataDir, 'media', lessonId))).filter((f) => f.includes('.tmp'))).toEqual([]);
    } finally {
      await second.close();
    }
    // Two proxies of a 20 s 720p lesson (the cut one and its rerun) beside the other media jobs: a
    // loaded 2-core machine has taken 60 s.
  }, 180_000);
});
