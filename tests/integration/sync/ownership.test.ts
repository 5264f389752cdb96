import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { rewritePackage } from '../../support/package-rewrite';
import {
  createCommunity,
  invite,
  lessonFields,
  noteFields,
  op,
  pullAll,
  push,
  removeMember,
  signUp as hubSignUp,
  startHub,
  type RunningHub,
  type TestUser,
} from '../hub/helpers';
import { consent, importLesson, signUp, startDevice, syncAll, type Device } from './devices';

/**
 * A lesson belongs to its author wherever it travels: ids leak (every package carries them), so a
 * second studio that crafts a package or pushes a record with the first studio's lesson id must not
 * take the lesson over, re-scope it, delete it or make its notes travel.
 */

let hub: RunningHub;
let teacher: Device;
let mallory: TestUser;
let malloryCommunity: string;
let video: string;
let work: string;

beforeAll(async () => {
  hub = await startHub();
  work = await makeMediaDir();
  video = await makeTestVideo(work, { name: 'Wait time.mp4', seconds: 3, width: 320, height: 240 });
  teacher = await startDevice();
  await signUp(teacher, hub.url, 'Amina');
  // The attacker leads a community of their own and has the teacher in it.
  mallory = await hubSignUp(hub, 'Mallory');
  malloryCommunity = (await createCommunity(hub, mallory, 'Open exchange')).id;
  const { link } = await invite(hub, mallory, malloryCommunity, 'member');
  await teacher.call('invites.join', { codeOrLink: link });
  await syncAll(teacher);
});
afterAll(async () => {
  await teacher?.dispose();
  await hub?.stop();
});

const sha = async (file: string) =>
  createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');

/** What the teacher would notice of a lesson: its details, share, notes, and every media file byte for byte. */
async function lessonState(device: Device, lessonId: string) {
  const lesson = await device.call('lessons.get', { id: lessonId });
  const dir = path.join(device.dataDir, 'media', lessonId);
  const files = Object.fromEntries(await Promise.all((await fs.readdir(dir)).sort().map(async (f) => [f, await sha(path.join(dir, f))])));
  const notes = (await device.call('notes.list', { lessonId })).map((n) => ({ id: n.id, text: n.text, private: n.private }));
  return { title: lesson.title, description: lesson.description, shared: lesson.shared, files, notes };
}

async function ownLesson(title: string) {
  const lesson = await importLesson(teacher, video);
  await teacher.call('lessons.update', { id: lesson.id, patch: { title } });
  await teacher.call('notes.add', { lessonId: lesson.id, startMs: 500, text: `Only for me: ${title}` });
  return lesson.id;
}

describe('a lesson made here stays its author’s', () => {
  it('refuses a package that carries the lesson under a stranger’s share, with nothing changed', async () => {
    const lessonId = await ownLesson('Fractions, first try');
    const { path: exported } = await teacher.call('packages.export', { target: { kind: 'lesson', id: lessonId } });
    await teacher.jobs.idle();
    const before = await lessonState(teacher, lessonId);
    const crafted = await rewritePackage(exported, path.join(work, 'crafted.pcircle'), ({ lessons }) => {
      for (const lesson of lessons.values()) {
        Object.assign(lesson, { title: 'Taken over', updatedAt: Date.now() + 60_000 });
        lesson.share = { communityId: malloryCommunity, ownerId: mallory.user.id, sharedAt: Date.now() };
        lesson.notes = [];
      }
    });

    await expect(teacher.call('packages.import', { source: { kind: 'path', path: crafted } })).rejects.toMatchObject({
      code: 'package_conflict',
      params: { title: 'Fractions, first try' },
    });
    await teacher.jobs.idle();
    expect(await lessonState(teacher, lessonId)).toEqual(before);
    // The owner still edits it; then the attacker's community deleting things, or removing the teacher, changes nothing.
    await teacher.call('lessons.update', { id: lessonId, patch: { title: 'Fractions, second try' } });
    expect((await teacher.call('lessons.get', { id: lessonId })).title).toBe('Fractions, second try');
  });

  it('leaves the teacher’s own lesson untouched when their own export of it comes home', async () => {
    const lessonId = await ownLesson('Wait time, revisited');
    const { path: exported } = await teacher.call('packages.export', { target: { kind: 'lesson', id: lessonId } });
    await teacher.jobs.idle();
    await teacher.call('lessons.update', { id: lessonId, patch: { title: 'Wait time, renamed later' } });
    const before = await lessonState(teacher, lessonId);
    const job = await teacher.call('packages.import', { source: { kind: 'path', path: exported } });
    await teacher.jobs.idle();
    expect(teacher.jobs.get(job.id)?.status).toBe('done');
    expect(await lessonState(teacher, lessonId)).toEqual(before);
  });

  it('refuses a pushed record that claims an unshared lesson, keeps its notes home, and says so', async () => {
    const lessonId = await ownLesson('Questioning');
    const before = await lessonState(teacher, lessonId);
    const claim = op(mallory, malloryCommunity, 'lesson', lessonId, 'upsert', lessonFields(mallory, { title: 'Mine now' }));
    const claimNote = op(mallory, malloryCommunity, 'note', `${lessonId.slice(0, -4)}beef`, 'upsert', noteFields(lessonId));
    // The hub cannot know the id was someone's: it was never shared. The teacher's studio refuses it.
    expect((await push(hub, mallory, [claim, claimNote])).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    await syncAll(teacher);

    expect(await lessonState(teacher, lessonId)).toEqual(before);
    expect((await teacher.call('sync.status')).refusedRecords).toBeGreaterThanOrEqual(2);
    // A note the teacher now makes public goes nowhere: the lesson is not shared.
    const [note] = await teacher.call('notes.list', { lessonId });
    await teacher.call('notes.update', { id: note!.id, private: false });
    await syncAll(teacher);
    const { ops } = await pullAll(hub, mallory, malloryCommunity);
    expect(ops.filter((o) => o.entity === 'note').map((o) => o.fields.text)).not.toContain(note!.text);
    expect(ops.some((o) => o.authorId !== mallory.user.id)).toBe(false);

    // The attacker deleting their claim, then removing the teacher, leaves the lesson and its media where they were.
    expect((await push(hub, mallory, [op(mallory, malloryCommunity, 'lesson', lessonId, 'delete')])).body.results[0]!.status).toBe(
      'applied',
    );
    await syncAll(teacher);
    const account = (await teacher.call('hub.status')).account!;
    expect((await removeMember(hub, mallory, malloryCommunity, account.userId)).status).toBeLessThan(300);
    await syncAll(teacher);
    expect(await lessonState(teacher, lessonId)).toMatchObject({ ...before, notes: [{ ...before.notes[0], private: false }] });
  });

  it('keeps a lesson made here, and its media, even where an older version attached a community’s share to it', async () => {
    const lessonId = await ownLesson('Group work');
    const before = await lessonState(teacher, lessonId);
    // What the hole left behind on libraries before this fix: the lesson marked as a copy from the attacker's community.
    const db = new Database(path.join(teacher.dataDir, 'studio.db'));
    db.prepare(`INSERT INTO lesson_shares (lesson_id, community_id, origin, owner_id, shared_at) VALUES (?, ?, 'hub', ?, ?)`).run(
      lessonId,
      malloryCommunity,
      mallory.user.id,
      Date.now(),
    );
    db.close();
    const rejoin = await invite(hub, mallory, malloryCommunity, 'member');
    await teacher.call('invites.join', { codeOrLink: rejoin.link });
    await syncAll(teacher);
    await teacher.call('communities.leave', { communityId: malloryCommunity });
    await syncAll(teacher);
    expect(await lessonState(teacher, lessonId)).toEqual({ ...before, shared: null });
  });

  it('leaving a community where the teacher shared a lesson unshares it there and keeps it here', async () => {
    const lessonId = await ownLesson('Exit tickets');
    const lead = await hubSignUp(hub, 'Lead');
    const school = (await createCommunity(hub, lead, 'Our school')).id;
    await teacher.call('invites.join', { codeOrLink: (await invite(hub, lead, school, 'member')).link });
    await syncAll(teacher);
    await teacher.call('sharing.share', { lessonId, communityId: school, consent, licence: 'cc_by', mediaKind: 'proxy' });
    await teacher.until(async () => (await teacher.call('sync.status')).pendingChanges === 0);
    const before = await lessonState(teacher, lessonId);
    expect(before.shared).not.toBeNull();
    await teacher.call('communities.leave', { communityId: school });
    await syncAll(teacher);
    expect(await lessonState(teacher, lessonId)).toEqual({ ...before, shared: null });
  });
});
