import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHlc } from '../../../common/sync/hlc';
import { SECRETS_FILE } from '../../../core/secrets/secret-store';
import { makeFaceLesson } from '../../support/face-lesson';
import { tempDir } from '../../support/web-shell';
import { join, op, pullAll, push, signUp as hubSignUp, startHub, type RunningHub, type TestUser } from '../hub/helpers';
import { communityOf, importLesson, signUp, startDevice, syncAll, type Device } from '../sync/devices';

let hub: RunningHub;
let teacher: Device;
let mentor: Device;
let media: string;

beforeAll(async () => {
  hub = await startHub();
  media = await tempDir('blur-regions-sync');
  [teacher, mentor] = await Promise.all([startDevice(), startDevice()]);
  await signUp(teacher, hub.url, 'Amina', { country: 'JO', languages: ['ar', 'en'], timezone: 'Asia/Amman' });
  await signUp(mentor, hub.url, 'Budi', { country: 'ID', languages: ['id'], timezone: 'Asia/Jakarta' });
}, 120_000);
afterAll(async () => {
  await Promise.all([teacher?.dispose(), mentor?.dispose()]);
  await hub?.stop();
  await fs.rm(media, { recursive: true, force: true });
});

/** A device's own hub session, to push by hand what a tampered studio could send. */
async function sessionOf(device: Device, userId: string): Promise<TestUser> {
  const token = JSON.parse(await fs.readFile(path.join(device.dataDir, SECRETS_FILE), 'utf8'))['hub.session'] as string;
  return { email: '', token, user: { id: userId } as TestUser['user'], hlc: createHlc(`dev-${userId.slice(-12)}`, hub.clock.now) };
}

async function settled() {
  await teacher.until(
    async () =>
      (await teacher.call('sync.status')).pendingChanges === 0 && (await teacher.call('transfers.list')).every((t) => t.state === 'done'),
  );
  await syncAll(teacher, mentor);
}

const noConsent = { visibility: 'faces', onFile: false, durationDays: null } as const;

describe('where a lesson was blurred travels with its blurred share', () => {
  it('reaches the mentor read-only, is written by the teacher alone, and is refused when malformed', async () => {
    const community = await communityOf(teacher, [[mentor, 'mentor']]);
    const face = await makeFaceLesson(media, {
      seconds: 3,
      width: 640,
      height: 360,
      faces: [{ size: 90, from: { x: 120, y: 100 }, to: { x: 300, y: 110 } }],
    });
    const lesson = await importLesson(teacher, face.file);
    await teacher.call('blur.draw', { lessonId: lesson.id, atMs: 0, box: face.faceAt(0, 0) });
    await teacher.call('blur.addFixed', { lessonId: lesson.id, box: { x: 0.2, y: 0.05, w: 0.6, h: 0.3 } });
    await teacher.call('blur.render', { lessonId: lesson.id });
    await teacher.jobs.idle();
    const mine = await teacher.call('blur.get', { lessonId: lesson.id });
    expect(mine).toMatchObject({ source: 'device', copy: 'current' });
    const share = (mediaKind: 'proxy' | 'blurred', extra: object = {}) =>
      teacher.call('sharing.share', {
        lessonId: lesson.id,
        communityId: community.id,
        consent: { ...noConsent, ...extra },
        licence: 'cc_by',
        mediaKind,
      });
    await share('blurred');
    await settled();

    // On the hub: geometry and times only.
    const me = await sessionOf(teacher, (await teacher.call('hub.status')).account!.userId);
    const onHub = (await pullAll(hub, me, community.id)).ops.filter((o) => o.entity === 'blurRegions');
    expect(onHub.map((o) => o.action)).toEqual(['upsert']);
    expect(Object.keys(onHub[0]!.fields).sort()).toEqual(['durationMs', 'lessonId', 'ownerId', 'regions']);
    const drawn = mine.regions.find((r) => r.source === 'drawn')!;
    expect(onHub[0]!.fields.regions).toContainEqual(expect.objectContaining({ id: drawn.id, source: 'drawn', startMs: 0 }));

    // The mentor sees where it was blurred, and cannot change it.
    const seen = await mentor.until(async () => {
      const s = await mentor.call('blur.get', { lessonId: lesson.id });
      return s.status === 'ready' ? s : null;
    });
    expect(seen.source).toBe('community');
    expect(seen.regions.map((r) => [r.source, r.startMs, r.endMs]).sort()).toEqual(
      mine.regions.map((r) => [r.source, r.startMs, r.endMs]).sort(),
    );
    const seenDrawn = seen.regions.find((r) => r.source === 'drawn')!;
    expect(seenDrawn.keys[0]!.x).toBeCloseTo(drawn.keys[0]!.x, 3);
    expect(seenDrawn.keys[0]!.w).toBeCloseTo(drawn.keys[0]!.w, 3);
    await expect(mentor.call('blur.remove', { lessonId: lesson.id, regionId: seenDrawn.id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(mentor.call('blur.draw', { lessonId: lesson.id, atMs: 0, box: { x: 0, y: 0, w: 0.1, h: 0.1 } })).rejects.toMatchObject({
      code: 'forbidden',
    });

    // A tampered mentor's studio, and someone outside the community, are refused by the hub.
    const mentorSession = await sessionOf(mentor, (await mentor.call('hub.status')).account!.userId);
    const outsider = await hubSignUp(hub, 'Outsider');
    const { code } = await teacher.call('invites.create', { communityId: community.id, role: 'mentor', expiresInHours: 1, maxUses: 1 });
    const hostileMentor = await hubSignUp(hub, 'Hostile');
    expect((await join(hub, hostileMentor, code)).status).toBe(200);
    const wipe = (who: TestUser) => op(who, community.id, 'blurRegions', lesson.id, 'upsert', { regions: [] });
    for (const who of [mentorSession, hostileMentor, outsider]) {
      const res = await push(hub, who, [wipe(who)]);
      expect(res.status === 403 || res.body.results?.[0]?.status === 'rejected', `${who.user.id} must not write it`).toBe(true);
    }
    const mentorDelete = op(mentorSession, community.id, 'blurRegions', lesson.id, 'delete');
    expect((await push(hub, mentorSession, [mentorDelete])).body.results[0]).toMatchObject({ status: 'rejected' });

    // Even the teacher cannot send a malformed or oversized one.
    const region = (i: number, keys: object[]) => ({
      id: drawn.id.slice(0, -4) + String(i).padStart(4, '0'),
      source: 'drawn',
      startMs: 0,
      endMs: 100,
      keys,
    });
    const bad: Array<[string, object[]]> = [
      ['outside the picture', [region(1, [{ t: 0, x: 0.9, y: 0.1, w: 0.5, h: 0.1 }])]],
      [
        'keys out of order',
        [
          region(1, [
            { t: 50, x: 0.1, y: 0.1, w: 0.1, h: 0.1 },
            { t: 10, x: 0.1, y: 0.1, w: 0.1, h: 0.1 },
          ]),
        ],
      ],
      ['too many regions', Array.from({ length: 2001 }, (_, i) => region(i, [{ t: 0, x: 0.1, y: 0.1, w: 0.1, h: 0.1 }]))],
      ['pixels smuggled in', [{ ...region(1, [{ t: 0, x: 0.1, y: 0.1, w: 0.1, h: 0.1 }]), pixels: 'AAAA' }]],
    ];
    for (const [what, regions] of bad) {
      const res = await push(hub, me, [op(me, community.id, 'blurRegions', lesson.id, 'upsert', { regions })]);
      expect(res.body.results?.[0], what).toMatchObject({ status: 'rejected', reason: 'invalid_input' });
    }
    await syncAll(teacher, mentor);
    expect((await mentor.call('blur.get', { lessonId: lesson.id })).regions).toHaveLength(2);

    // The receiving studio checks too: a record that does not hold reads as nothing, never as boxes.
    await mentor.dispose({ keepData: true });
    const file = new Database(path.join(mentor.dataDir, 'studio.db'));
    const row = file.prepare("SELECT fields FROM sync_records WHERE entity = 'blurRegions' AND record_id = ?").get(lesson.id) as {
      fields: string;
    };
    const tampered = JSON.parse(row.fields) as { regions: Array<{ keys: Array<{ x: number }> }> };
    tampered.regions[0]!.keys[0]!.x = 7;
    file
      .prepare("UPDATE sync_records SET fields = ? WHERE entity = 'blurRegions' AND record_id = ?")
      .run(JSON.stringify(tampered), lesson.id);
    file.close();
    mentor = await startDevice(mentor.dataDir);
    expect(await mentor.call('blur.get', { lessonId: lesson.id })).toMatchObject({ status: 'none', source: 'community', regions: [] });

    // Shared unblurred again (an explicit choice): the record leaves the hub and the mentor's studio.
    await share('proxy', { unblurredChosen: true });
    await settled();
    const after = (await pullAll(hub, me, community.id)).ops.filter((o) => o.entity === 'blurRegions');
    expect(after.at(-1)).toMatchObject({ action: 'delete' });
    await mentor.until(async () => {
      const row2 = await mentor.call('blur.get', { lessonId: lesson.id });
      return row2.status === 'none';
    });
  }, 240_000);
});
