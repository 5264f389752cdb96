import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETS_FILE } from '../../../core/secrets/secret-store';
import { pullAll, startHub, type RunningHub, type TestUser } from '../hub/helpers';
import { communityOf, consent, importLesson, signUp, startDevice, syncAll, type Device } from '../sync/devices';
import { makeTalkLesson } from '../../support/talk-lesson';
import { tempDir } from '../../support/web-shell';

let hub: RunningHub;
let teacher: Device;
let mentor: Device;
let media: string;

beforeAll(async () => {
  media = await tempDir('talk-share-media');
  hub = await startHub();
  [teacher, mentor] = await Promise.all([startDevice(), startDevice()]);
  await signUp(teacher, hub.url, 'Amina', { country: 'JO', languages: ['ar', 'en'], timezone: 'Asia/Amman' });
  await signUp(mentor, hub.url, 'Budi', { country: 'ID', languages: ['id'], timezone: 'Asia/Jakarta' });
}, 60_000);
afterAll(async () => {
  await Promise.all([teacher?.dispose(), mentor?.dispose()]);
  await hub?.stop();
  await fs.rm(media, { recursive: true, force: true });
});

/** Everything the hub holds for the community about talk analyses, read with the teacher's own session. */
async function talkOpsOnHub(communityId: string) {
  const token = JSON.parse(await fs.readFile(path.join(teacher.dataDir, SECRETS_FILE), 'utf8'))['hub.session'] as string;
  const { ops } = await pullAll(hub, { token } as TestUser, communityId);
  return { all: ops, talk: ops.filter((op) => op.entity === 'talkAnalysis') };
}

async function settled(...devices: Device[]) {
  await teacher.until(
    async () =>
      (await teacher.call('sync.status')).pendingChanges === 0 && (await teacher.call('transfers.list')).every((t) => t.state === 'done'),
  );
  await syncAll(...devices);
}

describe('sharing the talk analysis, only when the teacher ticks it', () => {
  it('keeps it home by default, sends it (and its corrections) when ticked, takes it back when unticked', async () => {
    const community = await communityOf(teacher, [[mentor, 'mentor']]);
    const truth = await makeTalkLesson(media, { name: 'fractions.wav', seconds: 40, seed: 11 });
    const lesson = await importLesson(teacher, truth.file);
    const mine = await teacher.call('talk.get', { lessonId: lesson.id });
    expect(mine).toMatchObject({ status: 'ready', source: 'device' });
    const share = (talkAnalysis?: boolean) =>
      teacher.call('sharing.share', {
        lessonId: lesson.id,
        communityId: community.id,
        consent: talkAnalysis === undefined ? consent : { ...consent, talkAnalysis },
        licence: 'cc_by',
        mediaKind: 'proxy',
      });

    // Shared without the tick: the lesson travels, nothing of its analysis does.
    await share();
    await settled(teacher, mentor);
    let onHub = await talkOpsOnHub(community.id);
    expect(onHub.all.some((op) => op.entity === 'lesson' && op.id === lesson.id)).toBe(true);
    expect(onHub.talk).toEqual([]);
    expect(JSON.stringify(onHub.all)).not.toContain('teacherPct');
    await mentor.until(async () => (await mentor.call('lessons.list', {})).total === 1);
    expect(await mentor.call('talk.get', { lessonId: lesson.id })).toMatchObject({ status: 'none', source: 'community', segments: [] });

    // Ticked: the consent record says so, and the mentor sees the teacher's lanes and figures.
    const shared = await share(true);
    expect(shared.consent.talkAnalysis).toBe(true);
    await settled(teacher, mentor);
    onHub = await talkOpsOnHub(community.id);
    expect(onHub.talk.map((op) => op.action)).toEqual(['upsert']);
    expect(onHub.talk[0]!.fields).toMatchObject({ lessonId: lesson.id, figures: mine.figures, segments: mine.segments });
    const seen = await mentor.until(async () => {
      const a = await mentor.call('talk.get', { lessonId: lesson.id });
      return a.status === 'ready' ? a : null;
    });
    expect(seen).toMatchObject({ source: 'community', segments: mine.segments, figures: mine.figures, durationMs: mine.durationMs });
    // Only the teacher corrects it.
    const band = mine.segments[0]!;
    await expect(
      mentor.call('talk.correct', { lessonId: lesson.id, startMs: band.startMs, endMs: band.endMs, label: 'other' }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    // The teacher's correction follows the shared analysis.
    const corrected = await teacher.call('talk.correct', { lessonId: lesson.id, startMs: band.startMs, endMs: band.endMs, label: 'other' });
    expect(corrected.figures!.otherPct).toBeGreaterThan(mine.figures!.otherPct);
    await settled(teacher, mentor);
    const after = await mentor.until(async () => {
      const a = await mentor.call('talk.get', { lessonId: lesson.id });
      return a.figures?.otherPct === corrected.figures!.otherPct ? a : null;
    });
    expect(after.segments[0]).toMatchObject({ label: 'other', corrected: true });

    // "Two adults" travels with it: the mentor reads the teacher's choice, and cannot make it.
    const twoAdults = await teacher.call('talk.adults', { lessonId: lesson.id, twoAdults: true });
    await settled(teacher, mentor);
    const both = await mentor.until(async () => {
      const a = await mentor.call('talk.get', { lessonId: lesson.id });
      return a.twoAdults ? a : null;
    });
    expect(both).toMatchObject({ segments: twoAdults.segments, figures: twoAdults.figures });
    await expect(mentor.call('talk.adults', { lessonId: lesson.id, twoAdults: false })).rejects.toMatchObject({ code: 'forbidden' });

    // Unticked again: the hub deletes it, and the mentor no longer has it.
    const unticked = await share(false);
    expect(unticked.consent.talkAnalysis).toBe(false);
    await settled(teacher, mentor);
    onHub = await talkOpsOnHub(community.id);
    expect(onHub.talk.at(-1)).toMatchObject({ action: 'delete' });
    await mentor.until(async () => (await mentor.call('talk.get', { lessonId: lesson.id })).status === 'none');
  }, 240_000);
});
