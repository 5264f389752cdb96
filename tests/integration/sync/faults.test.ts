import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../../../hub/server';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { startHub, type RunningHub } from '../hub/helpers';
import { communityOf, consent, importLesson, signUp, startDevice, syncAll, type Device } from './devices';

const DAY = 24 * 60 * 60 * 1000;
let hub: RunningHub;
let teacher: Device;
let mentor: Device;
let mentorEmail: string;
let lessonId: string;
let communityId: string;
const extra: Device[] = [];

beforeAll(async () => {
  hub = await startHub();
  [teacher, mentor] = await Promise.all([startDevice(), startDevice()]);
  await signUp(teacher, hub.url, 'Tala', { country: 'PS' });
  mentorEmail = (await signUp(mentor, hub.url, 'Mateo', { country: 'PE' })).email;
  communityId = (await communityOf(teacher, [[mentor, 'mentor']])).id;
  const lesson = await importLesson(teacher, await makeTestVideo(await makeMediaDir(), { name: 'Faults.mp4', seconds: 2 }));
  lessonId = lesson.id;
  await teacher.call('sharing.share', { lessonId, communityId, consent, licence: 'cc_by_nc' });
  await teacher.until(async () => (await teacher.call('sync.status')).pendingChanges === 0);
  await syncAll(mentor);
});
afterAll(async () => {
  await Promise.all([teacher, mentor, ...extra].map((d) => d?.dispose()));
  await hub?.stop();
});

const texts = async (device: Device) => (await device.call('notes.list', { lessonId })).map((n) => n.text).sort();

describe('sync faults', () => {
  it('asks for a sign-in when the session ends elsewhere, and loses nothing', async () => {
    // The mentor signs out everywhere from another device while this one is offline with a note pending.
    const other = await startDevice();
    extra.push(other);
    await other.call('hub.signIn', { hubUrl: hub.url, email: mentorEmail, password: 'correct horse battery' });
    const note = await mentor.call('notes.add', { lessonId, startMs: 100, text: 'Written before the session ended' });
    await other.call('hub.signOut', { everywhere: true });

    const state = await mentor.call('sync.now');
    expect(state).toMatchObject({ signedIn: false, sessionExpired: true, lastError: { code: 'session_expired' } });
    expect(state.pendingChanges).toBeGreaterThan(0);
    expect(await mentor.call('hub.status')).toMatchObject({ sessionExpired: true, account: { displayName: 'Mateo' } });
    expect((await mentor.call('lessons.list', {})).total).toBe(1);

    await mentor.call('hub.signIn', { hubUrl: hub.url, email: mentorEmail, password: 'correct horse battery' });
    expect(await mentor.call('sync.now')).toMatchObject({ signedIn: true, sessionExpired: false, pendingChanges: 0, lastError: null });
    await syncAll(teacher);
    expect(await texts(teacher)).toContain(note.text);
  });

  it('refuses to sync with a clock two days ahead, with a clear error and nothing taken in', async () => {
    const skewed = await startDevice(mentor.dataDir + '-skewed', {}, () => Date.now() + 2 * DAY);
    extra.push(skewed);
    await skewed.call('hub.signIn', { hubUrl: hub.url, email: mentorEmail, password: 'correct horse battery' });
    const state = await skewed.call('sync.now');
    expect(state.lastError).toMatchObject({ code: 'clock_skew', params: { direction: 'ahead' } });
    // Nothing was pulled, so nothing this device stamps can jump ahead of what others wrote.
    expect((await skewed.call('lessons.list', {})).total).toBe(0);
  });

  it('re-pulls everything when the hub was restored, without losing what is pending here', async () => {
    const pending = await mentor.call('notes.add', { lessonId, startMs: 200, text: 'Pending across the restore' });
    const port = hub.hub.port;
    await hub.hub.close();
    // A restore from another copy: the op log has a new epoch, so every stored cursor is unknown.
    const db = new Database(path.join(hub.dataDir, 'hub.sqlite'));
    db.prepare(`UPDATE hub_meta SET value = 'restored' WHERE key = 'epoch'`).run();
    db.close();
    hub.hub = await createHub({ dataDir: hub.dataDir, port, now: hub.clock.now });

    expect(await mentor.call('sync.now')).toMatchObject({ online: true, pendingChanges: 0, lastError: null });
    expect((await mentor.call('lessons.list', {})).total).toBe(1);
    await syncAll(teacher);
    expect(await texts(teacher)).toContain(pending.text);
    expect(await texts(mentor)).toEqual(await texts(teacher));
  });

  it('forgets a community once its lead removes the person, lessons and all', async () => {
    const members = (await teacher.call('members.list', { communityId })).members;
    const mateo = members.find((m) => m.displayName === 'Mateo')!;
    await teacher.call('members.remove', { communityId, userId: mateo.userId });
    await mentor.call('sync.now');
    expect(await mentor.call('communities.list')).toEqual([]);
    expect((await mentor.call('lessons.list', {})).total).toBe(0);
  });
});
