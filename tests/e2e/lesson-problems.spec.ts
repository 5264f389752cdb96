import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { callStudio } from './hub-pages';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

let shell: RunningShell;
let lessonId: string;
const TITLE = 'Damaged lesson';

const rpc = <T = any>(page: Page, name: string, input: unknown) => callStudio<T>(page, shell, name, input);

test.beforeAll(async ({ browser }) => {
  const media = await tempDir('e2e-problems-media');
  const video = await makeTestVideo(media, { name: `${TITLE}.mp4`, seconds: 4, width: 320, height: 180 });
  shell = await startWebShell(await tempDir('e2e-problems-data'));
  const page = await browser.newPage();
  await page.goto(shell.url);
  const { results } = await rpc(page, 'lessons.import', { sources: [{ kind: 'path', path: video }] });
  lessonId = results[0].lesson.id;
  await expect.poll(async () => (await rpc(page, 'lessons.get', { id: lessonId })).status, { timeout: 60_000 }).toBe('ready');
  await page.close();
  // What a disk fault or another program leaves: the library's copy no longer holds a video.
  const copy = path.join(shell.dataDir, 'media', lessonId, 'original.mp4');
  const { size } = await fs.stat(copy);
  await fs.writeFile(copy, Buffer.alloc(size, 0x5a));
});
test.afterAll(async () => {
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
});

test('a video that cannot be played says why and what the teacher can do, in English and Arabic', async ({ page }) => {
  await page.goto(shell.url);
  for (const [language, reason, next] of [
    ['en', 'This video cannot be played here: the file is damaged', 'Copy it from the phone or camera again'],
    ['ar', 'لا يمكن تشغيل هذا الفيديو هنا: الملف تالف', 'انسخه من الهاتف أو الكاميرا مرة أخرى'],
  ] as const) {
    await rpc(page, 'settings.set', { language });
    await page.goto(shell.url);
    await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}`);
    await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
    const alert = page.locator('.player').getByRole('alert');
    await expect(alert).toContainText(reason);
    await expect(alert).toContainText(next);
    await page.screenshot({ path: test.info().outputPath(`unplayable-${language}.png`) });
  }
  await rpc(page, 'settings.set', { language: 'en' });
});
