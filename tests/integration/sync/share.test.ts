import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { SECRETS_FILE } from '../../../core/secrets/secret-store';
import { rememberedProxySums } from '../../support/library-rows';
import { pullAll, startHub, type RunningHub, type TestUser } from '../hub/helpers';
import { communityOf, consent, importLesson, signUp, startDevice, syncAll, type Device } from './devices';

let hub: RunningHub;
let teacher: Device;
let mentor: Device;
let video: string;

beforeAll(async () => {
  hub = await startHub();
  video = await makeTestVideo(await makeMediaDir(), { name: 'Wait time.mp4', seconds: 4, width: 320, height: 240 });
  [teacher, mentor] = await Promise.all([startDevice(), startDevice()]);
  await signUp(teacher, hub.url, 'Amina', { country: 'JO', languages: ['ar', 'en'], timezone: 'Asia/Amman' });
  await signUp(mentor, hub.url, 'Budi', { country: 'ID', languages: ['id'], timezone: 'Asia/Jakarta' });
});
afterAll(async () => {
  await Promise.all([teacher?.dispose(), mentor?.dispose()]);
  await hub?.stop();
});

const sha = async (file: string) =>
  createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');

describe('sharing a lesson between two studios', () => {
  it('sends the lesson, its proxy and pictures; keeps private notes home; brings feedback back; unsharing removes it', async () => {
    const community = await communityOf(teacher, [[mentor, 'mentor']]);
    const lesson = await importLesson(teacher, video);
    expect(lesson.assets.map((a) => a.kind)).toContain('proxy');
    const privateNote = await teacher.call('notes.add', { lessonId: lesson.id, startMs: 500, text: 'My own reminder' });
    const publicNote = await teacher.call('notes.add', {
      lessonId: lesson.id,
      startMs: 1500,
      text: 'Please look at my questioning here',
      private: false,
    });
    expect(privateNote.private).toBe(true);

    const share = await teacher.call('sharing.share', {
      lessonId: lesson.id,
      communityId: community.id,
      consent,
      licence: 'cc_by',
      mediaKind: 'proxy',
    });
    expect(share).toMatchObject({ origin: 'local', mine: true, ownerName: 'Amina', country: 'JO', communityName: community.name });
    // The lesson op waits for its media: nothing reaches the hub until the uploads are done.
    await teacher.until(
      async () =>
        (await teacher.call('sync.status')).pendingChanges === 0 && (await teacher.call('transfers.list')).every((t) => t.state === 'done'),
    );

    await syncAll(mentor);
    const { items } = await mentor.call('lessons.list', {});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: lesson.id,
      title: 'Wait time',
      shared: { origin: 'hub', mine: false, ownerName: 'Amina', country: 'JO' },
    });
    const watchable = await mentor.until(async () => {
      const l = await mentor.call('lessons.get', { id: lesson.id });
      return l.playbackAssetId && l.assets.some((a) => a.kind === 'poster') && l.assets.some((a) => a.kind === 'sprite_index') ? l : null;
    });
    const proxy = watchable.assets.find((a) => a.id === watchable.playbackAssetId)!;
    expect(proxy.kind).toBe('proxy');
    expect(await sha(path.join(mentor.dataDir, 'media', lesson.id, 'proxy.mp4'))).toBe(
      await sha(path.join(teacher.dataDir, 'media', lesson.id, 'proxy.mp4')),
    );
    // The check on arrival is remembered: sharing or exporting the copy later need not read it again.
    const arrived = await fs.stat(path.join(mentor.dataDir, 'media', lesson.id, 'proxy.mp4'));
    expect(rememberedProxySums(mentor.dataDir, lesson.id)).toMatchObject({
      sha256: await sha(path.join(teacher.dataDir, 'media', lesson.id, 'proxy.mp4')),
      checked_size: arrived.size,
      checked_mtime_ms: arrived.mtimeMs,
    });
    expect((await mentor.call('communities.lessons', { communityId: community.id }))[0]).toMatchObject({
      lessonId: lesson.id,
      ownerName: 'Amina',
      download: 'done',
    });

    // Only the public note travelled; the mentor cannot edit the lesson or the teacher's note.
    const mentorNotes = await mentor.call('notes.list', { lessonId: lesson.id });
    expect(mentorNotes.map((n) => n.text)).toEqual([publicNote.text]);
    await expect(mentor.call('lessons.update', { id: lesson.id, patch: { title: 'Mine now' } })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(mentor.call('notes.update', { id: publicNote.id, text: 'changed' })).rejects.toMatchObject({ code: 'forbidden' });

    // Feedback defaults to the community and reaches the teacher, with its author.
    const feedback = await mentor.call('notes.add', {
      lessonId: lesson.id,
      startMs: 2000,
      endMs: 3000,
      kind: 'praise',
      text: 'Lovely wait time',
    });
    expect(feedback.private).toBe(false);
    const reply = await teacher.until(async () => {
      await syncAll(mentor, teacher);
      return (await teacher.call('notes.list', { lessonId: lesson.id })).find((n) => n.id === feedback.id);
    });
    expect(reply).toMatchObject({ authorName: 'Budi', text: 'Lovely wait time', endMs: 3000, private: false });

    // The hub never saw the private note: everything it holds for the community, read with the teacher's own session.
    const token = JSON.parse(await fs.readFile(path.join(teacher.dataDir, SECRETS_FILE), 'utf8'))['hub.session'] as string;
    const { ops } = await pullAll(hub, { token } as TestUser, community.id);
    expect(
      ops
        .map((op) => op.fields.text)
        .filter(Boolean)
        .sort(),
    ).toEqual(['Lovely wait time', 'Please look at my questioning here']);

    // Unsharing: gone from the mentor's library and disk at the next sync; the teacher keeps the feedback.
    await teacher.call('sharing.unshare', { lessonId: lesson.id });
    await syncAll(teacher, mentor);
    expect((await mentor.call('lessons.list', {})).total).toBe(0);
    await expect(fs.stat(path.join(mentor.dataDir, 'media', lesson.id))).rejects.toThrow();
    expect((await teacher.call('notes.list', { lessonId: lesson.id })).map((n) => n.text)).toContain('Lovely wait time');
    expect((await teacher.call('lessons.get', { id: lesson.id })).shared).toBeNull();
  });
});
