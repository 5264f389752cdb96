import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFaceLesson } from '../../support/face-lesson';
import { readZip } from '../../support/package-rewrite';
import { tempDir } from '../../support/web-shell';
import { startHub, type RunningHub } from '../hub/helpers';
import { communityOf, importLesson, signUp, startDevice, syncAll, type Device } from '../sync/devices';

let hub: RunningHub;
let teacher: Device;
let mentor: Device;
let media: string;

beforeAll(async () => {
  hub = await startHub();
  media = await tempDir('blur-share');
  [teacher, mentor] = await Promise.all([startDevice(), startDevice()]);
  await signUp(teacher, hub.url, 'Amina', { country: 'JO', languages: ['ar', 'en'], timezone: 'Asia/Amman' });
  await signUp(mentor, hub.url, 'Budi', { country: 'ID', languages: ['id'], timezone: 'Asia/Jakarta' });
}, 120_000);
afterAll(async () => {
  await Promise.all([teacher?.dispose(), mentor?.dispose()]);
  await hub?.stop();
  await fs.rm(media, { recursive: true, force: true });
});

const sha = async (file: string) =>
  createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');

/** Every blob the hub holds, by sha256 (its file store keeps them under blobs/<2>/<sha>). */
async function hubBlobs(): Promise<Set<string>> {
  const found = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(path.join(dir, e.name));
      else if (/^[0-9a-f]{64}$/.test(e.name)) found.add(e.name);
    }
  };
  await walk(hub.dataDir);
  return found;
}

const noConsent = { visibility: 'faces', onFile: false, durationDays: null } as const;

describe('sharing a lesson that shows faces without consent on file', () => {
  it('sends only the blurred copy, says so in the consent record, and packages carry the same copy', async () => {
    const community = await communityOf(teacher, [[mentor, 'mentor']]);
    const file = await makeFaceLesson(media, {
      seconds: 3,
      width: 640,
      height: 360,
      faces: [{ size: 90, from: { x: 120, y: 100 }, to: { x: 160, y: 110 } }],
    });
    const lesson = await importLesson(teacher, file.file);
    const mine = (name: string) => path.join(teacher.dataDir, 'media', lesson.id, name);
    // The teacher marks the face by hand (the search is tested apart).
    await teacher.call('blur.draw', { lessonId: lesson.id, atMs: 0, box: file.faceAt(0, 0) });

    const share = (mediaKind: 'proxy' | 'blurred', extra: object = {}) =>
      teacher.call('sharing.share', {
        lessonId: lesson.id,
        communityId: community.id,
        consent: { ...noConsent, ...extra },
        licence: 'cc_by',
        mediaKind,
      });
    // The faces unblurred need an explicit choice; the blurred copy must exist first.
    await expect(share('proxy')).rejects.toMatchObject({ code: 'blur_choice_required' });
    await expect(share('blurred')).rejects.toMatchObject({ code: 'share_not_ready' });
    await teacher.call('blur.render', { lessonId: lesson.id });
    await teacher.jobs.idle();

    const shared = await share('blurred');
    expect(shared.mediaKind).toBe('blurred');
    expect(shared.consent).toMatchObject({ facesBlurred: true, unblurredChosen: false });
    await teacher.until(
      async () =>
        (await teacher.call('sync.status')).pendingChanges === 0 && (await teacher.call('transfers.list')).every((t) => t.state === 'done'),
    );

    const blobs = await hubBlobs();
    expect(blobs.has(await sha(mine('blurred.mp4')))).toBe(true);
    for (const unblurred of ['original.mp4', 'proxy.mp4', 'poster.jpg', 'sprite.jpg'])
      expect(blobs.has(await sha(mine(unblurred))), `${unblurred} must stay on the device`).toBe(false);

    await syncAll(mentor);
    const received = await mentor.until(async () => {
      const l = await mentor.call('lessons.get', { id: lesson.id });
      return l.playbackAssetId ? l : null;
    });
    expect(await sha(path.join(mentor.dataDir, 'media', lesson.id, 'proxy.mp4'))).toBe(await sha(mine('blurred.mp4')));
    expect((await mentor.call('communities.lessons', { communityId: community.id }))[0]).toMatchObject({ lessonId: received.id });

    const { path: exported } = await teacher.call('packages.export', { target: { kind: 'lesson', id: lesson.id }, media: 'original' });
    await teacher.jobs.idle();
    const inside = new Set([...(await readZip(exported)).values()].map((b) => createHash('sha256').update(b).digest('hex')));
    expect(inside.has(await sha(mine('blurred.mp4')))).toBe(true);
    for (const unblurred of ['original.mp4', 'proxy.mp4', 'poster.jpg', 'sprite.jpg'])
      expect(inside.has(await sha(mine(unblurred)))).toBe(false);
  }, 180_000);
});
