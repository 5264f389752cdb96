import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { callStudio } from './hub-pages';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

/**
 * A lead builds a collection of two lessons and a clip, orders it with the keyboard and by dragging,
 * plays it in sequence, and exports it as a folder that a browser opens from the disk, where the
 * clip plays its range with the lesson's notes as captions.
 */

let shell: RunningShell;
let outDir: string;
const lessons: Record<string, string> = {};
const CLIP = { startMs: 2000, endMs: 4500, name: 'Pairs talk first' };
const CAPTION = 'Students turn to a partner';
/** The clip's label, its title and times isolated so they keep their order inside right-to-left text. */
const CLIP_LABEL = '\u2068Pairs talk first\u2069 (\u20680:02\u2069–\u20680:04\u2069)';

const rpc = <T = any>(page: Page, name: string, input: unknown) => callStudio<T>(page, shell, name, input);

const itemTitles = (page: Page) => page.locator('.collection-item .item-main > :first-child').allTextContents();

test.beforeAll(async ({ browser }) => {
  const media = await tempDir('e2e-collections-media');
  outDir = await tempDir('e2e-collections-out');
  shell = await startWebShell(await tempDir('e2e-collections-data'));
  const page = await browser.newPage();
  await page.goto(shell.url);
  for (const title of ['Wait time', 'Think pair share']) {
    const video = await makeTestVideo(media, { name: `${title}.mp4`, seconds: 8, width: 640, height: 360 });
    const { results } = await rpc(page, 'lessons.import', { sources: [{ kind: 'path', path: video }] });
    lessons[title] = results[0].lesson.id;
  }
  // The web export carries the sharing copy, which the proxy job makes.
  await expect
    .poll(
      async () => {
        const all = await Promise.all(Object.values(lessons).map((id) => rpc(page, 'lessons.get', { id })));
        return all.every((l) => l.assets.some((a: { kind: string }) => a.kind === 'proxy'));
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  const pairs = lessons['Think pair share']!;
  await rpc(page, 'clips.add', { lessonId: pairs, ...CLIP });
  await rpc(page, 'notes.add', { lessonId: pairs, startMs: 2500, endMs: 4000, text: CAPTION, kind: 'praise', private: false });
  await page.close();
});
test.afterAll(async () => {
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
  await fs.rm(outDir, { recursive: true, force: true });
});

test('a lead curates, reorders by keyboard and by dragging, and plays the collection in sequence', async ({ page }) => {
  await page.goto(shell.url);
  await page.getByRole('button', { name: 'Collections' }).click();
  await expect(page.getByRole('heading', { name: 'No collections yet' })).toBeVisible();
  await page.getByRole('button', { name: 'New collection' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill('Wait time exemplars');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Wait time exemplars' })).toBeVisible();

  await page.getByRole('button', { name: 'Add lessons and clips' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add lessons and clips' });
  await dialog.getByRole('button', { name: 'Add the whole lesson Wait time' }).click();
  await expect(dialog.getByText('Added “Wait time”.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Show the clips of Think pair share' }).click();
  await dialog.getByRole('button', { name: /^Add the clip Pairs talk first/ }).click();
  await dialog.getByRole('button', { name: 'Add the whole lesson Think pair share' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => itemTitles(page)).toEqual(['Wait time', CLIP_LABEL, 'Think pair share']);

  await page.getByRole('button', { name: `Edit the curator's note for ${CLIP_LABEL}` }).click();
  await page.getByRole('textbox', { name: `Curator's note for ${CLIP_LABEL}` }).fill('Notice how every pair talks before anyone answers.');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.locator('.item-note')).toHaveText('Notice how every pair talks before anyone answers.');

  // Keyboard: the clip's handle moves it up one place, and keeps focus for the next key.
  const clipHandle = page.getByRole('button', { name: /^Move \u2068Pairs talk first/ });
  await clipHandle.focus();
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => itemTitles(page)).toEqual([CLIP_LABEL, 'Wait time', 'Think pair share']);
  await expect(page.getByText(`${CLIP_LABEL} moved to position 1 of 3.`)).toBeAttached();
  await expect(page.getByRole('button', { name: /^Move \u2068Pairs talk first/ })).toBeFocused();
  await page.keyboard.press('End');
  await expect.poll(() => itemTitles(page)).toEqual(['Wait time', 'Think pair share', CLIP_LABEL]);

  // Mouse: drag the clip back onto the first item.
  await page.locator('.collection-item').nth(2).dragTo(page.locator('.collection-item').nth(0));
  await expect.poll(() => itemTitles(page)).toEqual([CLIP_LABEL, 'Wait time', 'Think pair share']);
  // The order is the core's, not only the screen's.
  await page.reload();
  await expect.poll(() => itemTitles(page)).toEqual([CLIP_LABEL, 'Wait time', 'Think pair share']);

  // In sequence, the clip plays its range only, with its curator's note, then the next item starts.
  await page.getByRole('button', { name: 'Play all in order' }).click();
  await expect(page.getByText(`1 of 3: ${CLIP_LABEL}`)).toBeVisible();
  await expect(page.locator('.curator-note')).toContainText('Notice how every pair talks');
  const video = page.locator('.collection-player video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(2);
  await expect(page.getByText('2 of 3: Wait time')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.curator-note')).toHaveCount(0);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime < 2)).toBe(true);
  await video.evaluate((v: HTMLVideoElement) => v.pause());
  await page.screenshot({ path: 'test-results/collection-en.png', fullPage: true });

  // Arabic flips the page; the video keeps time flowing left to right.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await page.getByRole('button', { name: 'المجموعات' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.screenshot({ path: 'test-results/collections-ar.png', fullPage: true });
  await page.getByRole('button', { name: 'افتح Wait time exemplars' }).click();
  await expect(page.getByRole('heading', { name: 'الدروس والمقاطع' })).toBeVisible();
  await expect(page.locator('.collection-player .player')).toHaveAttribute('dir', 'ltr');
  await page.screenshot({ path: 'test-results/collection-ar.png', fullPage: true });
  await page.getByRole('button', { name: 'الإعدادات' }).click();
  await page.getByRole('combobox', { name: 'اللغة' }).selectOption('en');
});

test('the offline web export opens from the disk and plays a clip with its notes as captions, right to left', async ({ page, browser }) => {
  await page.goto(shell.url);
  const [collection] = await rpc(page, 'collections.list', {});
  await rpc(page, 'collections.update', {
    id: collection.id,
    language: 'ar',
    title: 'أمثلة على وقت الانتظار',
    descriptions: [{ language: 'ar', text: 'مجموعة قصيرة للمدارس' }],
  });
  await page.evaluate((hash) => (window.location.hash = hash), `#/collection/${collection.id}`);

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Export/ });
  await dialog.getByRole('radio', { name: /A folder that plays in any web browser/ }).check();
  await dialog.getByRole('textbox', { name: 'Save in this folder' }).fill(outDir);
  await expect(dialog.getByText(/^About .*: \d+ files, 2 lessons\./)).toBeVisible();
  await dialog.getByRole('combobox', { name: 'It is for' }).selectOption('dvd');
  await page.screenshot({ path: 'test-results/collection-export-en.png' });
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText('Saved to')).toBeVisible({ timeout: 30_000 });
  const [folder] = await fs.readdir(outDir);
  const index = path.join(outDir, folder!, 'index.html');

  const offline = await browser.newPage();
  await offline.goto(pathToFileURL(index).href);
  await expect(offline.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(offline.getByRole('heading', { name: 'أمثلة على وقت الانتظار' })).toBeVisible();
  await offline.getByRole('link', { name: /Pairs talk first.* · مقطع من .*Think pair share/ }).click();
  await expect(offline.locator('.curator-text')).toHaveText('Notice how every pair talks before anyone answers.');
  const video = offline.locator('.screen video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  // The clip stops at its end.
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused), { timeout: 15_000 }).toBe(true);
  // At 4.5 s, give or take a late timer on a loaded machine: well before the video's own end at 8 s.
  expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(4.9);
  // The lesson's note shows as a caption inside its range: looked at on a paused frame, since its 1.5 s
  // window can pass between two looks on a busy machine while the clip plays.
  await video.evaluate((v: HTMLVideoElement) => (v.currentTime = 3));
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => [...(v.textTracks[0]?.activeCues ?? [])].map((c) => (c as VTTCue).text)), {
      timeout: 15_000,
    })
    .toContain(CAPTION);
  await offline.screenshot({ path: 'test-results/web-export-ar.png', fullPage: true });
  // The captions are also plain WebVTT files beside the page, for any other player.
  const vtt = await fs.readFile(path.join(outDir, folder!, 'captions', `${lessons['Think pair share']}.vtt`), 'utf8');
  expect(vtt).toContain(`00:00:02.500 --> 00:00:04.000\n${CAPTION}`);
  await offline.close();
});

test('a lesson exports on its own, as one package file', async ({ page }) => {
  await page.goto(shell.url);
  await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessons['Wait time']}`);
  await page.getByRole('button', { name: 'Export the lesson Wait time' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export “Wait time”' });
  await dialog.getByRole('textbox', { name: 'Save in this folder' }).fill(outDir);
  await expect(dialog.getByText(/^About .*: 1 file, 1 lesson\./)).toBeVisible();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText('Saved to')).toBeVisible({ timeout: 30_000 });
  expect(await fs.readdir(outDir)).toContain('Wait time.pcircle');
});

test('a file that is not a package is refused with its reason', async ({ page }) => {
  const fake = path.join(outDir, 'not-a-package.pcircle');
  await fs.writeFile(fake, 'this is not a zip file');
  await page.goto(shell.url);
  await page.getByRole('button', { name: 'Collections' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import a package' }).click();
  await (await chooser).setFiles(fake);
  await expect(page.getByText('“not-a-package.pcircle” was not imported: The package is not valid.')).toBeVisible();
});
