import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../../common/schemas/sync';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { startHub, type RunningHub } from '../hub/helpers';
import { consent, importLesson, signUp, startDevice, type Device } from './devices';

let hub: RunningHub;
let teacher: Device;
let mentor: Device;
let lessonId: string;
let communityId: string;

beforeAll(async () => {
  hub = await startHub();
  teacher = await startDevice();
  await signUp(teacher, hub.url, 'Ama', { country: 'GH' });
});
afterAll(async () => {
  await Promise.all([teacher?.dispose(), mentor?.dispose()]);
  await hub?.stop();
});

const media = async () => (await teacher.call('transfers.list')).find((t) => t.role === 'media' && t.direction === 'upload')!;

describe('the transfer queue', () => {
  it('keeps to the bandwidth limit, pauses and resumes an upload, and sends the lesson once it has arrived', async () => {
    const community = await teacher.call('communities.create', { name: 'Slow links', description: '', languages: [] });
    communityId = community.id;
    const lesson = await importLesson(
      teacher,
      await makeTestVideo(await makeMediaDir(), { name: 'Limited.mp4', seconds: 6, width: 640, height: 360 }),
    );
    lessonId = lesson.id;
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
    await teacher.call('sharing.share', {
      lessonId: lesson.id,
      communityId: community.id,
      consent,
      licence: 'cc_by',
      mediaKind: 'original',
    });
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

  it('resumes a paused download with a Range request and shows the video only once its sha256 matches', async () => {
    mentor = await startDevice();
    await signUp(mentor, hub.url, 'Kofi', { country: 'GH' });
    const { link } = await teacher.call('invites.create', { communityId, role: 'mentor', expiresInHours: 24, maxUses: null });
    const size = (await teacher.call('lessons.get', { id: lessonId })).assets.find((a) => a.kind === 'original')!.sizeBytes;
    const limitKBps = Math.max(16, Math.round(size / 1024 / 3));
    await mentor.call('settings.set', { transferLimitKBps: limitKBps });
    let paused = false;
    const off = mentor.bus.subscribe((name, payload) => {
      const t = payload as Transfer;
      if (name === 'transfers.progress' && t.role === 'media' && t.state === 'running' && t.doneBytes > 0 && !paused) {
        paused = true;
        void mentor.call('transfers.pause', { id: t.id });
      }
    });
    await mentor.call('invites.join', { codeOrLink: link });
    await mentor.call('sync.now');
    const download = async () => (await mentor.call('transfers.list')).find((t) => t.role === 'media' && t.direction === 'download');
    await mentor.until(async () => (await download())?.state === 'paused');
    off();
    // Half a file is not a video: nothing to play until it has all arrived and checked out.
    expect((await mentor.call('lessons.get', { id: lessonId })).playbackAssetId).toBeNull();
    const received = mentor.sync.transfers.wire.received;
    await mentor.call('transfers.resume', { id: (await download())!.id });
    const lesson = await mentor.until(async () => {
      const l = await mentor.call('lessons.get', { id: lessonId });
      return l.playbackAssetId ? l : null;
    });
    expect(lesson.assets.find((a) => a.id === lesson.playbackAssetId)).toMatchObject({ kind: 'original', sizeBytes: size });
    // The second request asked only for the rest, and every byte that had arrived before the pause was
    // on disk: nothing arrived twice.
    const files = (await mentor.call('transfers.list')).filter((t) => t.direction === 'download');
    expect(files.every((t) => t.state === 'done')).toBe(true);
    const total = files.reduce((sum, t) => sum + t.sizeBytes, 0);
    expect(received).toBeLessThan(total);
    expect(mentor.sync.transfers.wire.received).toBe(total);
  });
});
