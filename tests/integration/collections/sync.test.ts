import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../../../hub/server';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { startHub, type RunningHub } from '../hub/helpers';
import { communityOf, consent, importLesson, signUp, startDevice, syncAll, type Device } from '../sync/devices';

/**
 * Collections through a real hub: two leads (on two devices) reorder the same collection while the hub
 * is down and converge once it is back; a member watches it; a package imported on a school's
 * computer merges with the hub's copy without duplicates; a withdrawn lesson is marked for leads and
 * gone for members.
 */

let hub: RunningHub;
let a: Device;
let b: Device;
let member: Device;
let school: Device;
let communityId: string;
let collectionId: string;
const lessonIds: string[] = [];

const order = async (device: Device) =>
  (await device.call('collections.get', { id: collectionId })).items.map((i) => i.title || i.lessonTitle);
const itemId = async (device: Device, title: string) =>
  (await device.call('collections.get', { id: collectionId })).items.find((i) => i.title === title)!.id;

beforeAll(async () => {
  hub = await startHub();
  [a, b, member, school] = await Promise.all([startDevice(), startDevice(), startDevice(), startDevice()]);
  await signUp(a, hub.url, 'Lina');
  await signUp(b, hub.url, 'Bakary');
  await signUp(member, hub.url, 'Maya');
  communityId = (
    await communityOf(a, [
      [b, 'lead'],
      [member, 'member'],
    ])
  ).id;
  const media = await makeMediaDir();
  for (const name of ['Wait time', 'Think pair share']) {
    const lesson = await importLesson(a, await makeTestVideo(media, { name: `${name}.mp4`, seconds: 3, width: 320, height: 180 }));
    await a.call('notes.add', { lessonId: lesson.id, startMs: 500, text: `A note on ${name}`, private: false });
    await a.call('sharing.share', { lessonId: lesson.id, communityId, consent, licence: 'cc_by' });
    lessonIds.push(lesson.id);
  }
});
afterAll(async () => {
  await Promise.all([a, b, member, school].map((d) => d?.dispose()));
  await hub?.stop();
});

describe('collections in a community', () => {
  it('two leads reorder the same collection offline and converge after sync', async () => {
    const [first, second] = lessonIds as [string, string];
    collectionId = (await a.call('collections.create', { title: 'Exemplars', language: 'en' })).id;
    for (const [lessonId, title, startMs, endMs] of [
      [first, 'one', 0, 1000],
      [second, 'two', 0, 1000],
      [first, 'three', 1000, 2000],
      [second, 'four', 1000, 2000],
      [first, 'five', 2000, 2900],
    ] as const) {
      await a.call('collections.addItem', { collectionId, lessonId, startMs, endMs, title });
    }
    await a.call('collections.publish', { id: collectionId, communityId });
    await syncAll(a, b, member);
    expect(await order(b)).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(await b.call('collections.get', { id: collectionId })).toMatchObject({ origin: 'hub', canEdit: true, communityId });
    expect(await member.call('collections.get', { id: collectionId })).toMatchObject({ canEdit: false });

    // The hub goes away; both leads keep curating.
    const port = hub.hub.port;
    await hub.hub.close();
    await a.call('collections.moveItem', { id: await itemId(a, 'five'), index: 0 });
    await a.call('collections.moveItem', { id: await itemId(a, 'three'), index: 4 });
    await b.call('collections.moveItem', { id: await itemId(b, 'four'), index: 1 });
    // Both move "two", each somewhere else: the later move wins, on every device.
    await a.call('collections.moveItem', { id: await itemId(a, 'two'), index: 1 });
    await b.call('collections.moveItem', { id: await itemId(b, 'two'), index: 4 });
    await b.call('collections.updateItem', { id: await itemId(b, 'one'), note: 'Written offline by the second lead' });
    expect(await order(a)).toEqual(['five', 'two', 'one', 'four', 'three']);
    expect(await order(b)).toEqual(['one', 'four', 'three', 'five', 'two']);

    hub.hub = await createHub({ dataDir: hub.dataDir, port, now: hub.clock.now });
    await syncAll(a, b, member);
    const final = await order(a);
    expect(await order(b)).toEqual(final);
    expect(await order(member)).toEqual(final);
    // Each lead's moves of different items both survive; "two" is where its later mover put it.
    expect(final.indexOf('five')).toBeLessThan(final.indexOf('one'));
    expect(final.indexOf('four')).toBeLessThan(final.indexOf('three'));
    expect(final.at(-1)).toBe('two');
    expect((await member.call('collections.get', { id: collectionId })).items[final.indexOf('one')]!.note).toBe(
      'Written offline by the second lead',
    );
  });

  it('an imported package, with the feedback its lessons received, merges with the hub copy once the school is online, without duplicates', async () => {
    // A mentor's review of the first lesson, shared in the community.
    const [first] = lessonIds as [string];
    const request = await a.call('reviews.request', {
      lessonId: first,
      mentorIds: [],
      focus: 'Wait time',
      rubricId: null,
      dueAt: null,
      dueZone: null,
    });
    await syncAll(a, b);
    const draft = await b.call('reviews.claim', { id: request.id });
    await b.call('reviews.saveDraft', { id: draft.id, strengths: 'Long, calm pauses', nextSteps: 'Invite quieter students' });
    await b.call('reviews.submit', { id: draft.id });
    await syncAll(b, a);
    const feedback = async (device: Device) =>
      (await device.call('reviews.forLesson', { lessonId: first })).requests.map((r) => ({
        id: r.id,
        focus: r.focus,
        reviews: r.reviews.map((v) => [v.id, v.status, v.strengths, v.nextSteps]),
      }));
    expect((await feedback(a))[0]?.reviews).toEqual([[draft.id, 'submitted', 'Long, calm pauses', 'Invite quieter students']]);

    const folder = await fs.mkdtemp(path.join(path.dirname(school.dataDir), 'pc-usb-'));
    const { path: file } = await a.call('packages.export', { target: { kind: 'collection', id: collectionId }, folder });
    await a.jobs.idle();
    await school.call('packages.import', { source: { kind: 'path', path: file } });
    await school.jobs.idle();
    const archived = await school.call('collections.get', { id: collectionId });
    expect(archived).toMatchObject({ origin: 'archive', canEdit: false, communityName: 'Maths across borders' });
    expect(archived.items.map((i) => i.title)).toEqual(await order(a));
    expect(await feedback(school)).toEqual(await feedback(a));

    await signUp(school, hub.url, 'Sani');
    const { link } = await a.call('invites.create', { communityId, role: 'member', expiresInHours: 24, maxUses: null });
    await school.call('invites.join', { codeOrLink: link });
    await syncAll(school);
    const collections = await school.call('collections.list', {});
    expect(collections.map((c) => c.id)).toEqual([collectionId]);
    expect(collections[0]).toMatchObject({ origin: 'hub', itemCount: 5 });
    const lessons = await school.call('lessons.list', {});
    expect(lessons.items.map((l) => l.id).sort()).toEqual([...lessonIds].sort());
    for (const lessonId of lessonIds) expect(await school.call('notes.list', { lessonId })).toHaveLength(1);
    expect(await feedback(school)).toEqual(await feedback(a));
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('a withdrawn lesson shows as withdrawn for leads and disappears for members', async () => {
    const [first] = lessonIds as [string];
    await a.call('sharing.unshare', { lessonId: first });
    await syncAll(a, b, member);
    for (const lead of [a, b]) {
      const items = (await lead.call('collections.get', { id: collectionId })).items;
      expect(
        items
          .filter((i) => i.state === 'withdrawn')
          .map((i) => i.title)
          .sort(),
      ).toEqual(['five', 'one', 'three']);
    }
    const seen = await member.call('collections.get', { id: collectionId });
    expect(seen.items.map((i) => i.title).sort()).toEqual(['four', 'two']);
    expect(seen.itemCount).toBe(2);
    // Nor does a withdrawn lesson travel in an export.
    const estimate = await b.call('packages.estimate', { target: { kind: 'collection', id: collectionId } });
    expect(estimate.skippedItems).toBeGreaterThanOrEqual(3);
  });
});
