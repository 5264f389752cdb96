import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FSI, PDI } from '../../../common/bidi';
import type { WebLabels } from '../../../common/schemas/package';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { rewritePackage } from '../../support/package-rewrite';
import { tempDir } from '../../support/web-shell';
import { startHub, type RunningHub } from '../hub/helpers';
import { communityOf, importLesson, signUp, startDevice, syncAll, type Device } from '../sync/devices';

/**
 * What travels with a lesson. A teacher shares an Arabic-titled lesson under CC BY-NC and another
 * "all rights reserved" (for the community only); a lead curates both into a collection (the second
 * as a clip) and exports it. The package carries each lesson's licence, author, consent and
 * community; the web folder names the author and licence on every lesson, titles intact; the export
 * warns about the lesson whose licence forbids the copy; and a school with no hub imports the package
 * as an archive that says where it came from and takes only private notes.
 */

const arabicTitle = 'مقارنة الكسور: ⅓ و ½';
const consent = { visibility: 'faces', onFile: true, durationDays: null } as const;
const labels: WebLabels = {
  playAll: 'Play all in order',
  next: 'Next',
  previous: 'Previous',
  curatorNote: "Curator's note",
  captionsLabel: 'Notes',
  items: 'Lessons and clips',
  clipOf: 'Clip of {lesson}, {start}–{end}',
  licence: '',
  noScript: 'Turn on JavaScript.',
  nowPlaying: 'Now playing: {title}',
  player: 'Player',
  author: 'By {author}',
  lessonLicence: 'Licence: {licence}',
  community: 'Shared in {community}',
  consent: 'Consent: {consent}',
  consentNames: { faces: "Learners' faces" },
  licenceNames: { cc_by_nc: 'CC BY-NC', all_rights_reserved: 'All rights reserved' },
};

let hub: RunningHub;
let teacher: Device;
let lead: Device;
let school: Device;
let communityId: string;
let ncLesson: string;
let arrLesson: string;
let collectionId: string;
let packagePath: string;
const folders: string[] = [];

beforeAll(async () => {
  hub = await startHub();
  [teacher, lead, school] = await Promise.all([startDevice(), startDevice(), startDevice()]);
  await signUp(lead, hub.url, 'Lina');
  await signUp(teacher, hub.url, 'أمينة Amina');
  communityId = (await communityOf(lead, [[teacher, 'member']], 'رياضيات بلا حدود')).id;
  const media = await makeMediaDir();
  const nc = await importLesson(teacher, await makeTestVideo(media, { name: 'fractions.mp4', seconds: 3, width: 320, height: 180 }));
  const arr = await importLesson(teacher, await makeTestVideo(media, { name: 'Fractions 101.mp4', seconds: 3, width: 320, height: 180 }));
  [ncLesson, arrLesson] = [nc.id, arr.id];
  await teacher.call('lessons.update', { id: ncLesson, patch: { title: arabicTitle, language: 'ar' } });
  await teacher.call('sharing.share', { lessonId: ncLesson, communityId, consent, licence: 'cc_by_nc' });
  await teacher.call('sharing.share', { lessonId: arrLesson, communityId, consent, licence: 'all_rights_reserved' });
  // The lesson ops wait for their media: nothing reaches the hub until the uploads are done.
  await teacher.until(
    async () =>
      (await teacher.call('sync.status')).pendingChanges === 0 && (await teacher.call('transfers.list')).every((t) => t.state === 'done'),
    60_000,
  );
  await syncAll(lead);
  for (const id of [ncLesson, arrLesson])
    await lead.until(async () => (await lead.call('lessons.get', { id })).shared?.download === 'done', 60_000);
  collectionId = (await lead.call('collections.create', { title: 'Fractions', language: 'en', licence: 'cc_by' })).id;
  await lead.call('collections.addItem', { collectionId, lessonId: ncLesson });
  await lead.call('collections.addItem', {
    collectionId,
    lessonId: arrLesson,
    startMs: 500,
    endMs: 2000,
    title: 'درس Fractions 101 للصف ٥',
  });
});

afterAll(async () => {
  await Promise.all([teacher, lead, school].map((d) => d?.dispose()));
  await hub?.stop();
  await Promise.all(folders.map((f) => fs.rm(f, { recursive: true, force: true })));
});

describe('what travels with a lesson', () => {
  it('warns before an export copies a lesson whose licence keeps it in its community, and says why', async () => {
    const estimate = await lead.call('packages.estimate', { target: { kind: 'collection', id: collectionId } });
    expect(estimate.licenceConcerns).toEqual([
      {
        lessonId: arrLesson,
        title: 'Fractions 101',
        authorName: 'أمينة Amina',
        licence: 'all_rights_reserved',
        reasons: ['community_only', 'no_derivatives'],
      },
    ]);
    // Her own lessons are hers to copy.
    const own = await teacher.call('packages.estimate', { target: { kind: 'lesson', id: arrLesson } });
    expect(own.licenceConcerns).toEqual([]);
  });

  it('a package carries each lesson’s licence, author, consent and community', async () => {
    const folder = await tempDir('credits-package');
    folders.push(folder);
    packagePath = (await lead.call('packages.export', { target: { kind: 'collection', id: collectionId }, folder })).path;
    await lead.jobs.idle();
    let seen: { manifest: any; lessons: Map<string, any> } | null = null;
    await rewritePackage(packagePath, path.join(folder, 'copy.pcircle'), (json) => void (seen = json));
    const { manifest, lessons } = seen!;
    expect(manifest.version).toBe(3);
    const credit = (id: string) => lessons.get(`data/lessons/${id}.json`).credit;
    expect(credit(ncLesson)).toEqual({
      licence: 'cc_by_nc',
      authorId: expect.any(String),
      authorName: 'أمينة Amina',
      // The studio adds what it sent: the proxy, so no faces were blurred and none chosen unblurred.
      consent: { ...consent, facesBlurred: false, unblurredChosen: false },
      community: { id: communityId, name: 'رياضيات بلا حدود' },
    });
    expect(credit(arrLesson)).toMatchObject({ licence: 'all_rights_reserved', authorName: 'أمينة Amina' });
  });

  it('an archive on a studio with no hub says where it came from, is read-only, and takes only private notes', async () => {
    await school.call('packages.import', { source: { kind: 'path', path: packagePath } });
    await school.jobs.idle();
    const lesson = await school.call('lessons.get', { id: ncLesson });
    expect(lesson).toMatchObject({
      title: arabicTitle,
      origin: 'archive',
      archive: { authorName: 'أمينة Amina', communityName: 'رياضيات بلا حدود', exportedBy: 'Lina', licence: 'cc_by_nc' },
    });
    const note = await school.call('notes.add', { lessonId: ncLesson, startMs: 500, text: 'ملاحظتي' });
    expect(note.private).toBe(true);
    await expect(
      school.call('notes.add', { lessonId: ncLesson, startMs: 600, text: 'for everyone', private: false }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(school.call('notes.update', { id: note.id, private: false })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(school.call('lessons.update', { id: ncLesson, patch: { title: 'Mine' } })).rejects.toMatchObject({ code: 'forbidden' });
    // And a copy of it made there carries the same credit on.
    const again = await school.call('packages.estimate', { target: { kind: 'lesson', id: ncLesson } });
    expect(again.licenceConcerns).toEqual([]);
  });

  it('a package made before licences travelled (version 2) still imports, naming its exporter and community', async () => {
    const folder = await tempDir('credits-old');
    folders.push(folder);
    const old = await rewritePackage(packagePath, path.join(folder, 'old.pcircle'), ({ manifest, lessons }) => {
      manifest.version = 2;
      for (const lesson of lessons.values()) delete lesson.credit;
    });
    const fresh = await startDevice();
    try {
      await fresh.call('packages.import', { source: { kind: 'path', path: old } });
      await fresh.jobs.idle();
      expect(await fresh.call('lessons.get', { id: ncLesson })).toMatchObject({
        origin: 'archive',
        archive: { authorName: '', exportedBy: 'Lina', licence: 'all_rights_reserved' },
      });
    } finally {
      await fresh.dispose();
    }
  });

  it('a web folder names the author and licence on every lesson, with titles in <bdi>', async () => {
    const folder = await tempDir('credits-web');
    folders.push(folder);
    const { path: out } = await lead.call('packages.export', {
      target: { kind: 'collection', id: collectionId },
      format: 'web',
      labels,
      folder,
    });
    await lead.jobs.idle();
    const html = await fs.readFile(path.join(out, 'index.html'), 'utf8');
    expect(html).toContain(`<bdi>${arabicTitle}</bdi>`);
    expect(html).toContain('<bdi>درس Fractions 101 للصف ٥</bdi> · Clip of <bdi>Fractions 101</bdi>');
    const credits = [...html.matchAll(/<p class="credit">(.*?)<\/p>/g)].map((m) => m[1]);
    expect(credits).toHaveLength(2);
    for (const credit of credits) expect(credit).toContain('By <bdi>أمينة Amina</bdi>');
    expect(credits[0]).toContain('data-licence="cc_by_nc">CC BY-NC</span>');
    expect(credits[0]).toContain('href="https://creativecommons.org/licenses/by-nc/4.0/"');
    expect(credits[1]).toContain('data-licence="all_rights_reserved">All rights reserved</span>');
    expect(html).toContain('Shared in <bdi>رياضيات بلا حدود</bdi>');
    expect(credits[0]).toContain(`<span class="consent">Consent: <bdi>Learners&#39; faces</bdi></span>`);
    expect(html).not.toContain(FSI + PDI);
  });
});
