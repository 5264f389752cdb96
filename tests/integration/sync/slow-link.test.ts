import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../../common/schemas/sync';
import { makeMediaDir } from '../../fixtures/media';
import { startThrottledProxy, type ThrottledProxy } from '../../support/throttled-proxy';
import { startHub, type RunningHub } from '../hub/helpers';
import { consent, signUp, startDevice, type Device } from './devices';

/** 256 kbit/s, as many of our schools have. */
const LINK_BYTES_PER_SECOND = 32_000;

let hub: RunningHub;
let proxy: ThrottledProxy;
let device: Device;
let video: string;

beforeAll(async () => {
  hub = await startHub({ now: Date.now });
  proxy = await startThrottledProxy(hub.hub.port, LINK_BYTES_PER_SECOND);
  // About 400 kB of real H.264: twelve seconds on the link.
  video = path.join(await makeMediaDir(), 'lesson.mp4');
  execFileSync('ffmpeg', [
    ...['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15', '-t', '8'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '400k', '-maxrate', '400k', '-bufsize', '200k', '-an', video],
  ]);
  device = await startDevice();
  await signUp(device, proxy.url, 'Teacher');
});
afterAll(async () => {
  await device?.dispose();
  await proxy?.close();
  await hub?.stop();
});

describe('sharing over a slow link', () => {
  it('shows progress within seconds, with its speed, and a cut costs less than 64 KiB', { timeout: 120_000 }, async () => {
    const community = await device.call('communities.create', { name: 'Rural schools', description: '', languages: [] });
    const { results } = await device.call('lessons.import', { sources: [{ kind: 'path', path: video }] });
    const lessonId = results[0]!.ok ? results[0]!.lesson.id : '';
    await device.until(async () => (await device.call('lessons.get', { id: lessonId })).status === 'ready');
    await device.jobs.idle();

    let runningAt: number | null = null;
    let movedAt: number | null = null;
    let cutAt: number | null = null;
    let rateSeen: Transfer | null = null;
    const off = device.bus.subscribe((name, payload) => {
      const t = payload as Transfer;
      if (name !== 'transfers.progress' || t.role !== 'media' || t.direction !== 'upload') return;
      if (t.state === 'running') runningAt ??= performance.now();
      if (t.doneBytes > 0 && runningAt !== null) movedAt ??= performance.now();
      if (t.bytesPerSecond !== null && t.secondsLeft !== null) rateSeen ??= t;
      if (cutAt === null && t.doneBytes >= t.sizeBytes * 0.4) {
        cutAt = performance.now();
        proxy.cut();
      }
    });
    await device.call('sharing.share', { lessonId, communityId: community.id, consent, licence: 'cc_by', mediaKind: 'original' });
    await device.until(
      async () => (await device.call('transfers.list')).every((t) => t.direction !== 'upload' || t.state === 'done'),
      110_000,
    );
    off();

    expect(cutAt).not.toBeNull();
    expect(movedAt! - runningAt!).toBeLessThan(5_000);
    expect(rateSeen!.bytesPerSecond!).toBeGreaterThan(LINK_BYTES_PER_SECOND / 4);
    expect(rateSeen!.bytesPerSecond!).toBeLessThan(LINK_BYTES_PER_SECOND * 4);
    const uploaded = (await device.call('transfers.list')).filter((t) => t.direction === 'upload');
    const total = uploaded.reduce((sum, t) => sum + t.sizeBytes, 0);
    const media = uploaded.find((t) => t.role === 'media')!;
    expect(media.sizeBytes).toBeGreaterThan(300_000);
    const resent = device.sync.transfers.wire.sent - total;
    expect(resent).toBeGreaterThanOrEqual(0);
    expect(resent).toBeLessThan(64 * 1024);
  });
});
