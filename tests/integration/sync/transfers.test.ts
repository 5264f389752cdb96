import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../../common/schemas/sync';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { startHub, type RunningHub } from '../hub/helpers';
import { consent, importLesson, signUp, startDevice, type Device } from './devices';

let hub: RunningHub;
let teacher: Device;

beforeAll(async () => {
  hub = await startHub();
  teacher = await startDevice();
  await signUp(teacher, hub.url, 'Ama', { country: 'GH' });
});
afterAll(async () => {
  await teacher?.dispose();
  await hub?.stop();
});

const media = async () => (await teacher.call('transfers.list')).find((t) => t.role === 'media' && t.direction === 'upload')!;

describe('the transfer queue', () => {
  it('keeps to the bandwidth limit, pauses and resumes an upload, and sends the lesson once it has arrived', async () => {
    const community = await teacher.call('communities.create', { name: 'Slow links', description: '', languages: [] });
    const lesson = await importLesson(teacher, await makeTestVideo(await makeMediaDir(), { name: 'Limited.mp4', seconds: 6, width: 640, height: 360 }));
    const size = lesson.assets.find((a) => a.kind === 'original')!.sizeBytes;
    // Slow enough that the upload takes about three seconds.
    const limitKBps = Math.max(16, Math.round(size / 1024 / 3));
    await teacher.call('settings.set', { transferLimitKBps: limitKBps });

    let started = 0;
    let pausedAt = 0;
    const off = teacher.bus.subscribe((name, payload) => {
      const t = payload as Transfer;
      if (name !== 'transfers.progress' || t.role !== 'media') return;
      if (t.state === 'running' && !started) started = performance.now();
      if (t.state === 'running' && t.doneBytes > 0 && !pausedAt) {
        pausedAt = t.doneBytes;
        void teacher.call('transfers.pause', { id: t.id });
      }
    });
    await teacher.call('sharing.share', { lessonId: lesson.id, communityId: community.id, consent, licence: 'cc_by', mediaKind: 'original' });
    await teacher.until(async () => (await media())?.state === 'paused');
    expect((await teacher.call('sync.status')).pendingChanges).toBeGreaterThan(0);
    await teacher.call('transfers.resume', { id: (await media()).id });
    await teacher.until(async () => (await media()).state === 'done' && (await teacher.call('sync.status')).pendingChanges === 0);
    off();
    const seconds = (performance.now() - started) / 1000;
    // Everything but the first second's allowance waits for the limit.
    expect(seconds).toBeGreaterThan(((size - limitKBps * 1024) / (limitKBps * 1024)) * 0.8);
    expect(pausedAt).toBeGreaterThan(0);
    expect((await media()).doneBytes).toBe(size);
  });
});
