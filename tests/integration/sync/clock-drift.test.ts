import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DRIFT_MS, parseHlc } from '../../../common/sync/hlc';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { join, pullAll, signUp as signUpOnHub, startHub, type RunningHub, type TestUser } from '../hub/helpers';
import { communityOf, consent, importLesson, signUp, startDevice, syncAll, type Device } from './devices';

const DAY = 24 * 60 * 60 * 1000;
const password = 'correct horse battery';
let hub: RunningHub;
let teacher: Device;
let mentor: Device;
let laptop: Device;
let mentorEmail: string;
let lessonId: string;
let communityId: string;
/** A member reading the hub directly, to see the stamps it holds. */
let observer: TestUser;
/** How far the mentor's computer clock is off; the test sets it wrong and puts it right. */
let mentorClockOffset = 0;

beforeAll(async () => {
  hub = await startHub();
  [teacher, mentor, laptop] = await Promise.all([
    startDevice(),
    startDevice(undefined, {}, () => Date.now() + mentorClockOffset),
    startDevice(),
  ]);
  await signUp(teacher, hub.url, 'Tala', { country: 'PS' });
  mentorEmail = (await signUp(mentor, hub.url, 'Mateo', { country: 'PE' })).email;
  communityId = (await communityOf(teacher, [[mentor, 'mentor']])).id;
  lessonId = (await importLesson(teacher, await makeTestVideo(await makeMediaDir(), { name: 'Clock.mp4', seconds: 2 }))).id;
  await teacher.call('sharing.share', { lessonId, communityId, consent, licence: 'cc_by_nc' });
  await teacher.until(async () => (await teacher.call('sync.status')).pendingChanges === 0);
  await syncAll(mentor);
  observer = await signUpOnHub(hub, 'Observer');
  const { code } = await teacher.call('invites.create', { communityId, role: 'member', expiresInHours: 1, maxUses: 1 });
  expect((await join(hub, observer, code)).status).toBe(200);
});
afterAll(async () => {
  await Promise.all([teacher, mentor, laptop].map((d) => d?.dispose()));
  await hub?.stop();
});

const noteTexts = async (device: Device) => (await device.call('notes.list', { lessonId })).map((n) => n.text);

describe('a studio whose clock is a day ahead', () => {
  it('keeps its changes until the clock is corrected, says so, then sends them stamped in the present', async () => {
    mentorClockOffset = DAY;
    const note = await mentor.call('notes.add', { lessonId, startMs: 500, text: 'Written a day ahead' });
    const wrong = await mentor.call('sync.now');
    expect(wrong.pendingChanges).toBeGreaterThan(0);
    expect(wrong.clockSkew).toMatchObject({ direction: 'ahead' });
    expect(Math.abs(wrong.clockSkew!.driftMs - DAY)).toBeLessThan(60_000);
    expect(wrong.lastError).toMatchObject({ code: 'clock_skew' });
    // Nothing went out: the hub holds no stamp from the future, and the teacher sees no note.
    const stampsOnHub = async () => (await pullAll(hub, observer, communityId)).ops.map((o) => parseHlc(o.hlc).wallMs);
    expect(Math.max(...(await stampsOnHub()))).toBeLessThanOrEqual(Date.now() + DEFAULT_MAX_DRIFT_MS);
    await syncAll(teacher);
    expect(await noteTexts(teacher)).not.toContain(note.text);

    mentorClockOffset = 0;
    const right = await mentor.call('sync.now');
    expect(right).toMatchObject({ pendingChanges: 0, clockSkew: null, lastError: null });
    await syncAll(teacher);
    expect(await noteTexts(teacher)).toContain(note.text);
    expect(Math.max(...(await stampsOnHub()))).toBeLessThanOrEqual(Date.now() + DEFAULT_MAX_DRIFT_MS);

    // The same mentor edits the note later on another computer: the later edit wins everywhere, which
    // it could not if the first had gone out stamped a day ahead.
    await laptop.call('hub.signIn', { hubUrl: hub.url, email: mentorEmail, password });
    await laptop.call('sync.now');
    await laptop.call('notes.update', { id: note.id, text: 'Corrected on the laptop' });
    await laptop.call('sync.now');
    await syncAll(mentor, teacher);
    expect(await noteTexts(teacher)).toContain('Corrected on the laptop');
    expect(await noteTexts(mentor)).toContain('Corrected on the laptop');
  });

  it('edits offline after the clock is put right, without refusing them', async () => {
    mentorClockOffset = DAY;
    const ahead = await mentor.call('notes.add', { lessonId, startMs: 900, text: 'Ahead again' });
    mentorClockOffset = 0;
    // Its own last stamp is a day ahead; local changes keep working and wait for the sync to rewind them.
    const after = await mentor.call('notes.add', { lessonId, startMs: 901, text: 'After the fix' });
    expect(await mentor.call('sync.now')).toMatchObject({ pendingChanges: 0, clockSkew: null });
    await syncAll(teacher);
    expect(await noteTexts(teacher)).toEqual(expect.arrayContaining([ahead.text, after.text]));
  });
});
