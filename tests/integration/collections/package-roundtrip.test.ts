import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVideo } from '../../fixtures/media';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/web-shell';
import { caller, librarySnapshot, refusal } from './support';

/**
 * A lead curates a collection of a lesson and two clips, exports it to a .pcircle package, and a
 * school imports it into a fresh studio: every lesson, note and clip range arrives equal, as a
 * read-only archive, and importing it again changes nothing.
 */

let lead: TestCore;
let school: TestCore;
let lessonA: string;
let lessonB: string;
let collectionId: string;
let packagePath: string;

const lessonFields = ['id', 'title', 'subject', 'grade', 'language', 'durationMs', 'width', 'height', 'createdAt', 'description', 'tags'];
const noteFields = [
  'id',
  'lessonId',
  'parentId',
  'kind',
  'startMs',
  'endMs',
  'text',
  'codeId',
  'authorName',
  'private',
  'createdAt',
  'updatedAt',
];
const itemFields = ['id', 'lessonId', 'startMs', 'endMs', 'title', 'note', 'position', 'lessonTitle', 'state'];
const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

async function lessonState(core: TestCore, id: string) {
  const call = caller(core);
  const lesson = await call('lessons.get', { id });
  return {
    lesson: pick(lesson, lessonFields),
    notes: (await call('notes.list', { lessonId: id })).map((n: Record<string, unknown>) => pick(n, noteFields)),
    clips: (await call('clips.list', { lessonId: id })).map((c: Record<string, unknown>) => pick(c, ['id', 'name', 'startMs', 'endMs'])),
  };
}

beforeAll(async () => {
  lead = await startTestCore();
  school = await startTestCore();
  const media = await tempDir('collections-media');
  const call = caller(lead);
  await call('settings.set', { displayName: 'Lina (lead)' });
  const imported = await call('lessons.import', {
    sources: [
      { kind: 'path', path: await makeTestVideo(media, { name: 'Wait time.mp4', seconds: 4, width: 320, height: 180 }) },
      { kind: 'path', path: await makeTestVideo(media, { name: 'Think pair share.mp4', seconds: 4, width: 320, height: 180 }) },
    ],
  });
  [lessonA, lessonB] = imported.results.map((r: { lesson: { id: string } }) => r.lesson.id);
  await lead.jobs.idle();
  await call('lessons.update', { id: lessonA, patch: { description: 'Grade 5 science', tags: ['questioning'], language: 'ar' } });
  const note = await call('notes.add', {
    lessonId: lessonA,
    startMs: 1000,
    text: 'Waits <three> seconds & more',
    kind: 'praise',
    private: false,
  });
  await call('notes.add', { lessonId: lessonA, parentId: note.id, startMs: 0, text: 'Reply: the class noticed', private: false });
  await call('notes.add', { lessonId: lessonA, startMs: 1500, endMs: 3000, text: 'A private thought', kind: 'question' });
  await call('notes.add', { lessonId: lessonB, startMs: 500, endMs: 2500, text: 'Pairs talk first', kind: 'observation', private: false });
  await call('clips.add', { lessonId: lessonB, name: 'Pairs', startMs: 500, endMs: 2500 });

  const collection = await call('collections.create', {
    title: 'أمثلة على وقت الانتظار',
    language: 'ar',
    descriptions: [
      { language: 'ar', text: 'مجموعة قصيرة' },
      { language: 'en', text: 'A short set' },
    ],
    tags: ['wait time'],
    licence: 'cc_by',
  });
  collectionId = collection.id;
  await call('collections.addItem', { collectionId, lessonId: lessonA, note: 'Watch the silence after the question.' });
  await call('collections.addItem', {
    collectionId,
    lessonId: lessonB,
    startMs: 500,
    endMs: 2500,
    title: 'Pairs',
    note: 'Pairs before the whole class.',
  });
  const third = await call('collections.addItem', { collectionId, lessonId: lessonA, startMs: 2000, endMs: 3500, title: 'The answer' });
  // Move the last clip to the front; then the cover comes from a frame of lesson B.
  await call('collections.moveItem', { id: third.items.at(-1).id, index: 0 });
  await call('collections.update', { id: collectionId, cover: { lessonId: lessonB, atMs: 1000 } });
});

afterAll(async () => {
  await lead?.dispose();
  await school?.dispose();
  if (packagePath) await fs.rm(path.dirname(packagePath), { recursive: true, force: true });
});

describe('collections', () => {
  it('keep their order after a move and refuse a clip outside its lesson', async () => {
    const collection = await caller(lead)('collections.get', { id: collectionId });
    expect(collection.items.map((i: { title: string }) => i.title)).toEqual(['The answer', '', 'Pairs']);
    expect(collection.coverAssetId).toBe(collectionId);
    expect(collection.canEdit).toBe(true);
    expect(await refusal(lead, 'collections.addItem', { collectionId, lessonId: lessonA, startMs: 9000, endMs: 9500 })).toMatchObject({
      code: 'range_invalid',
    });
    expect(await refusal(lead, 'collections.addItem', { collectionId, lessonId: lessonA, startMs: 2000, endMs: 1000 })).toMatchObject({
      code: 'range_invalid',
    });
  });

  it('serve a cover cut from the chosen frame', async () => {
    const cover = await lead.openAsset(collectionId, undefined);
    cover.body?.destroy();
    expect(cover.headers['Content-Type']).toBe('image/jpeg');
    expect(await fs.readdir(path.join(lead.dataDir, 'collections', collectionId))).toEqual([`cover-${lessonB}-1000.jpg`]);
  });
});

describe('.pcircle packages', () => {
  it('estimate the size, then export as a job with progress', async () => {
    const folder = await tempDir('collections-out');
    const request = { target: { kind: 'collection', id: collectionId }, includePrivateNotes: true, folder };
    const estimate = await caller(lead)('packages.estimate', request);
    // The Arabic title is isolated, so the extension keeps its place after it.
    expect(estimate).toMatchObject({
      folder,
      name: '\u2068أمثلة على وقت الانتظار\u2069.pcircle',
      lessonCount: 2,
      skippedItems: 0,
      fileCount: 1,
    });
    const progress: number[] = [];
    const unsubscribe = lead.bus.subscribe(
      (name, payload) => name === 'jobs.progress' && progress.push((payload as { progress: number }).progress),
    );
    const started = await caller(lead)('packages.export', request);
    await lead.jobs.idle();
    unsubscribe();
    packagePath = started.path;
    expect(lead.jobs.get(started.job.id)).toMatchObject({ kind: 'package_export', status: 'done', progress: 1 });
    expect(progress.at(-1)).toBe(1);
    const size = (await fs.stat(packagePath)).size;
    // The estimate errs on the large side, and not by much.
    expect(estimate.totalBytes).toBeGreaterThanOrEqual(size);
    expect(estimate.totalBytes).toBeLessThan(size + 200_000);
    expect(await fs.readdir(folder)).toEqual([path.basename(packagePath)]);
  });

  it('import into a fresh studio with every lesson, note and clip range equal, as a read-only archive', async () => {
    const before = await librarySnapshot(school);
    const job = await caller(school)('packages.import', { source: { kind: 'path', path: packagePath } });
    expect(job.kind).toBe('package_import');
    await school.jobs.idle();
    expect(school.jobs.get(job.id)).toMatchObject({ status: 'done' });
    expect(await librarySnapshot(school)).not.toEqual(before);

    for (const id of [lessonA, lessonB]) expect(await lessonState(school, id)).toEqual(await lessonState(lead, id));
    const theirs = await caller(lead)('collections.get', { id: collectionId });
    const ours = await caller(school)('collections.get', { id: collectionId });
    expect(ours.items.map((i: Record<string, unknown>) => pick(i, itemFields))).toEqual(
      theirs.items.map((i: Record<string, unknown>) => pick(i, itemFields)),
    );
    expect(pick(ours, ['title', 'language', 'descriptions', 'tags', 'licence', 'coverLessonId', 'coverMs'])).toEqual(
      pick(theirs, ['title', 'language', 'descriptions', 'tags', 'licence', 'coverLessonId', 'coverMs']),
    );
    expect(ours).toMatchObject({ origin: 'archive', canEdit: false });
    expect(ours.items.every((i: { state: string }) => i.state === 'ready')).toBe(true);
    expect(await refusal(school, 'collections.update', { id: collectionId, title: 'Mine now' })).toMatchObject({ code: 'forbidden' });
    // The lead's notes arrive as someone else's: they cannot be edited here.
    const [note] = await caller(school)('notes.list', { lessonId: lessonB });
    expect(await refusal(school, 'notes.update', { id: note.id, text: 'changed' })).toMatchObject({ code: 'forbidden' });
  });

  it('import again without duplicating anything', async () => {
    const before = await librarySnapshot(school);
    await caller(school)('packages.import', { source: { kind: 'path', path: packagePath } });
    await school.jobs.idle();
    const after = (await librarySnapshot(school)) as { counts: Record<string, number> };
    expect({ ...after, counts: { ...after.counts, archives: after.counts.archives! - 1 } }).toEqual(before);
  });

  it('never overwrite newer local data', async () => {
    const [note] = (await caller(lead)('notes.list', { lessonId: lessonB })) as Array<{ id: string }>;
    await caller(lead)('notes.update', { id: note!.id, text: 'Edited after the export' });
    await caller(lead)('lessons.update', { id: lessonB, patch: { title: 'Renamed after the export' } });
    await caller(lead)('packages.import', { source: { kind: 'path', path: packagePath } });
    await lead.jobs.idle();
    const [kept] = await caller(lead)('notes.list', { lessonId: lessonB });
    expect(kept.text).toBe('Edited after the export');
    expect((await caller(lead)('lessons.get', { id: lessonB })).title).toBe('Renamed after the export');
    expect((await caller(lead)('collections.get', { id: collectionId })).origin).toBe('local');
  });
});
