import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { rewritePackage } from '../support/package-rewrite';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';
import { callStudio } from './hub-pages';

/**
 * What travels with a lesson. A teacher shares an Arabic-titled lesson under CC BY-NC and exports it
 * as a web folder: opened from the disk in Chromium, the page names her and the licence, and the
 * title reads whole inside the English page. Her package, imported on a school's studio that has no
 * hub, is an archive that says where it came from and takes only the reader's private notes, in
 * English and Arabic.
 */

const TITLE = 'مقارنة الكسور: ⅓ و ½';
const COMMUNITY = 'رياضيات بلا حدود';
// Later tests open the package an earlier one exported: a retry runs them all again, from the start.
test.describe.configure({ mode: 'serial' });

let hub: HubProcess;
let teacher: RunningShell;
let school: RunningShell;
let outDir: string;
let lessonId: string;
let packagePath: string;

test.beforeAll(async ({ browser }) => {
  // A hub, two studios and a sharing copy to make: more than a test's time on a busy 2-core machine.
  test.setTimeout(240_000);
  const media = await tempDir('e2e-travel-media');
  outDir = await tempDir('e2e-travel-out');
  hub = await startHubProcess(await tempDir('e2e-travel-hub'));
  [teacher, school] = await Promise.all([
    startWebShell(await tempDir('e2e-travel-teacher')),
    startWebShell(await tempDir('e2e-travel-school')),
  ]);
  const page = await browser.newPage();
  await page.goto(teacher.url);
  const rpc = <T = any>(name: string, input: unknown) => callStudio<T>(page, teacher, name, input);
  await rpc('hub.signUp', {
    hubUrl: hub.url,
    email: `amina-${Date.now()}@school.example`,
    password: 'correct horse battery',
    displayName: 'Amina',
  });
  const community = await rpc('communities.create', { name: COMMUNITY, description: 'Practice lessons', languages: ['en', 'ar'] });
  const video = await makeTestVideo(media, { name: 'fractions.mp4', seconds: 4, width: 640, height: 360 });
  const { results } = await rpc('lessons.import', { sources: [{ kind: 'path', path: video }] });
  lessonId = results[0].lesson.id;
  await expect
    .poll(async () => (await rpc('lessons.get', { id: lessonId })).assets.some((a: { kind: string }) => a.kind === 'proxy'), {
      timeout: 60_000,
    })
    .toBe(true);
  // An Arabic title on an English page: where "½ و :مقارنة الكسور⅓" used to appear.
  await rpc('lessons.update', { id: lessonId, patch: { title: TITLE, language: 'en' } });
  await rpc('sharing.share', {
    lessonId,
    communityId: community.id,
    consent: { visibility: 'voices_only', onFile: true, durationDays: null },
    licence: 'cc_by_nc',
  });
  await page.close();
});

test.afterAll(async () => {
  await Promise.all([teacher?.stop(), school?.stop(), hub?.stop()]);
  for (const dir of [teacher?.dataDir, school?.dataDir, outDir]) if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** Whether the element's text is laid out right to left as a whole: its first character is drawn right of all others, its last left of all others. */
function readsRightToLeft(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const text = el.firstChild!;
    const length = (text.textContent ?? '').length;
    const xs = Array.from({ length }, (_, i) => {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      return range.getBoundingClientRect().x;
    });
    return xs[0] === Math.max(...xs) && xs[length - 1] === Math.min(...xs);
  });
}

async function exportLesson(page: Page, format: 'web' | 'pcircle'): Promise<void> {
  await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}`);
  await page.getByRole('button', { name: `Export the lesson ${TITLE}` }).click();
  const dialog = page.getByRole('dialog', { name: /^Export/ });
  if (format === 'web') await dialog.getByRole('radio', { name: /A folder that plays in any web browser/ }).check();
  await dialog.getByRole('textbox', { name: 'Save in this folder' }).fill(outDir);
  await expect(dialog.getByText(/^About .*: \d+ files?, 1 lesson\./)).toBeVisible();
  // Her own lesson: nothing in its licence to warn about.
  await expect(dialog.getByText(/does not allow this copy/)).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText('Saved to')).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
}

test('an Arabic-titled CC BY-NC lesson in a web folder keeps its licence, its author and its title', async ({ page, browser }) => {
  await page.goto(teacher.url);
  await exportLesson(page, 'web');
  const folder = (await fs.readdir(outDir)).find((name) => !name.endsWith('.pcircle'))!;
  // The folder's name isolates the Arabic title (its colon is not allowed in file names everywhere).
  expect(folder).toBe(`\u2068${TITLE.replace(':', '')}\u2069`);

  const offline = await browser.newPage();
  await offline.goto(pathToFileURL(path.join(outDir, folder, 'index.html')).href);
  await expect(offline.locator('html')).toHaveAttribute('dir', 'ltr');
  const link = offline.locator('.item-link');
  await expect(link).toHaveText(TITLE);
  const title = link.locator('bdi');
  await expect(title).toHaveText(TITLE);
  // The title keeps its own direction inside the left-to-right page.
  // It reads right to left inside the left-to-right page: its first letter is the rightmost, its last fraction the leftmost.
  expect(await readsRightToLeft(title)).toBe(true);
  const credit = offline.locator('.credit');
  await expect(credit).toContainText('By Amina');
  await expect(credit).toContainText('Licence: Creative Commons Attribution-NonCommercial (CC BY-NC)');
  await expect(credit.getByRole('link', { name: /CC BY-NC/ })).toHaveAttribute('href', 'https://creativecommons.org/licenses/by-nc/4.0/');
  await expect(credit).toContainText(`Shared in ${COMMUNITY}`);
  await expect(offline.locator('body')).not.toContainText('All rights reserved');
  const nowPlaying = offline.locator('.now-playing');
  await expect(nowPlaying).toHaveText(`Now playing: ${TITLE}`);
  expect(await readsRightToLeft(nowPlaying.locator('bdi bdi'))).toBe(true);
  await offline.screenshot({ path: test.info().outputPath('web-folder-credit-en.png'), fullPage: true });
  await offline.close();
});

test('a package opened on a studio with no hub is an archive that says where it came from and takes only private notes', async ({
  page,
}) => {
  await page.goto(teacher.url);
  await exportLesson(page, 'pcircle');
  packagePath = path.join(
    outDir,
    (await fs.readdir(outDir)).find((name) => name.endsWith('.pcircle'))!,
  );

  await page.goto(school.url);
  const rpc = <T = any>(name: string, input: unknown) => callStudio<T>(page, school, name, input);
  await rpc('packages.import', { source: { kind: 'path', path: packagePath } });
  await expect.poll(async () => (await rpc('lessons.list', {})).items.length, { timeout: 30_000 }).toBe(1);
  await page.reload();

  const card = page.locator('.lesson-card', { hasText: TITLE });
  await expect(card).toContainText(`From a package: shared by Amina in ${COMMUNITY}`);
  await expect(card).not.toContainText(/former member|Not downloaded/);

  await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}`);
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
  const corner = page.locator('.archive-sharing');
  await expect(corner).toContainText(`From a package: shared by Amina in ${COMMUNITY}`);
  await expect(corner).toContainText('Licence: Creative Commons Attribution-NonCommercial (CC BY-NC)');
  await expect(corner).toContainText('An archive: you can read, play and search it, and add private notes of your own.');
  for (const name of ['Download', 'Share…', 'Sharing…', 'Unshare'])
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expect(page.locator('video').first()).toBeVisible();

  // A note the reader adds is theirs, private, with no switch to share it.
  await rpc('notes.add', { lessonId, startMs: 1000, text: 'ملاحظتي: الصمت بعد السؤال', kind: 'observation' });
  await page.reload();
  const note = page.locator('.note-yours');
  await expect(note).toHaveText('Private, yours only');
  await expect(page.getByText(/Shared with/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Share with the community' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('archive-lesson-en.png'), fullPage: true });

  await rpc('settings.set', { language: 'ar' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(corner).toContainText(`من حزمة: شاركه Amina في ${COMMUNITY}`);
  await expect(corner).toContainText('أرشيف: يمكنك قراءته وتشغيله والبحث فيه، وإضافة ملاحظات خاصة بك.');
  await expect(corner).toContainText('الترخيص: المشاع الإبداعي: نسب المصنف وغير تجاري (CC BY-NC)');
  await expect(page.locator('.note-yours')).toHaveText('خاصة، لك وحدك');
  await page.screenshot({ path: test.info().outputPath('archive-lesson-ar.png'), fullPage: true });
  await page.evaluate(() => (window.location.hash = '#/library'));
  await expect(card).toContainText(`من حزمة: شاركه Amina في ${COMMUNITY}`);
  await page.screenshot({ path: test.info().outputPath('archive-library-ar.png'), fullPage: true });
  await rpc('settings.set', { language: 'en' });
});

test('exporting someone’s lesson whose licence keeps it in its community warns first and says why, in English and Arabic', async ({
  page,
}) => {
  // The same lesson, shared "all rights reserved": for its community only.
  const reserved = await rewritePackage(packagePath, path.join(outDir, 'reserved.pcircle'), ({ lessons }) => {
    for (const lesson of lessons.values()) lesson.credit.licence = 'all_rights_reserved';
  });
  await page.goto(school.url);
  const rpc = <T = any>(name: string, input: unknown) => callStudio<T>(page, school, name, input);
  await rpc('packages.import', { source: { kind: 'path', path: reserved } });
  await expect
    .poll(async () => (await rpc('lessons.get', { id: lessonId })).archive.licence, { timeout: 30_000 })
    .toBe('all_rights_reserved');
  const exportsDir = await tempDir('e2e-travel-school-out');

  await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}`);
  await page.getByRole('button', { name: `Export the lesson ${TITLE}` }).click();
  const dialog = page.getByRole('dialog', { name: /^Export/ });
  await dialog.getByRole('textbox', { name: 'Save in this folder' }).fill(exportsDir);
  // The dialog's title holds the Arabic title whole in the English sentence.
  expect(await readsRightToLeft(dialog.locator('#export-title bdi'))).toBe(true);
  const warning = dialog.locator('.licence-warning');
  await expect(warning).toContainText('The licence of 1 lesson does not allow this copy:');
  await expect(warning).toContainText(
    `“${TITLE}” by Amina is shared as “All rights reserved”: for its community only, not for copies outside it.`,
  );
  await page.screenshot({ path: test.info().outputPath('export-licence-warning-en.png') });
  // Closing writes nothing; going on is the person's choice.
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(await fs.readdir(exportsDir)).toEqual([]);

  await rpc('settings.set', { language: 'ar' });
  await page.reload();
  await page.getByRole('button', { name: `تصدير الدرس ${TITLE}` }).click();
  const arabic = page.getByRole('dialog');
  await arabic.getByRole('textbox', { name: 'الحفظ في هذا المجلد' }).fill(exportsDir);
  await expect(arabic.locator('.licence-warning')).toContainText('ترخيص درس واحد لا يسمح بهذه النسخة:');
  await expect(arabic.locator('.licence-warning')).toContainText(`«${TITLE}» من إعداد Amina مُشارَك بترخيص «جميع الحقوق محفوظة»`);
  await page.screenshot({ path: test.info().outputPath('export-licence-warning-ar.png') });
  await arabic.getByRole('button', { name: 'صدّر رغم ذلك' }).click();
  await expect.poll(async () => (await fs.readdir(exportsDir)).filter((n) => n.endsWith('.pcircle')).length, { timeout: 30_000 }).toBe(1);
  await rpc('settings.set', { language: 'en' });
  await fs.rm(exportsDir, { recursive: true, force: true });
});
