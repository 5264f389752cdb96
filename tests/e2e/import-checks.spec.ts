import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeTestVideo, makeTruncatedCopy } from '../fixtures/media';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

let shell: RunningShell;
let media: string;

test.beforeAll(async () => {
  media = await tempDir('e2e-import-checks');
  shell = await startWebShell(await tempDir('e2e-data'));
});
test.afterAll(async () => {
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
  await fs.rm(media, { recursive: true, force: true });
});

/** Drops files or folders from the disk onto the page, as the operating system does. */
async function dropFromDisk(page: Page, paths: string[]) {
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, x: 400, y: 400, data });
  await cdp.detach();
}

test('a half-copied phone video keeps the part that plays, and says so', async ({ page }) => {
  const whole = await makeTestVideo(media, { name: 'phone.mp4', seconds: 6, width: 320, height: 180, gopSeconds: 1, faststart: true });
  const half = await makeTruncatedCopy(whole, 0.5, 'Phone lesson.mp4');
  await page.goto(shell.url);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import videos' }).first().click();
  await (await chooser).setFiles(half);

  await expect(page.getByText(/^Only the start of “Phone lesson.mp4” could be read \(0:0[234] of 0:06\)/)).toBeVisible();
  const card = page.getByRole('button', { name: 'Open Phone lesson' });
  const cardItem = page.getByRole('listitem').filter({ has: card });
  await expect(cardItem.getByTestId('card-duration')).toHaveText(/^0:0[234]$/);
  await page.screenshot({ path: 'test-results/import-partial-en.png' });

  // The player goes to the end of what was kept without an error. The toasts cover the card's title
  // here, so the card is opened where a person sees it: on its poster (the title's button spans the card).
  await cardItem.click({ position: { x: 20, y: 20 } });
  const video = page.locator('video');
  await video.evaluate(
    (v: HTMLVideoElement) => new Promise((r) => (v.readyState >= 1 ? r(null) : v.addEventListener('loadedmetadata', r, { once: true }))),
  );
  expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeLessThan(4.5);
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = Math.max(0, v.duration - 1);
    void v.play();
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.ended)).toBe(true);
  expect(await video.evaluate((v: HTMLVideoElement) => v.error)).toBeNull();
});

test('a dropped folder is said to be one, and its videos are offered', async ({ page }) => {
  const folder = path.join(media, 'Term 2');
  await fs.mkdir(folder);
  await makeTestVideo(folder, { name: 'Fractions.mp4', seconds: 1, width: 160, height: 90 });
  await makeTestVideo(folder, { name: 'Decimals.mp4', seconds: 1, width: 160, height: 90 });
  await fs.writeFile(path.join(folder, 'plan.txt'), 'plan');
  await page.goto(shell.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Library' }).click();

  await dropFromDisk(page, [folder]);
  await expect(page.getByRole('alert').filter({ hasText: '“Term 2” was not imported: This is a folder, not a video.' })).toBeVisible();
  const offer = page.getByRole('button', { name: 'Import 2 videos from this folder' });
  await expect(offer).toBeVisible();
  await page.screenshot({ path: 'test-results/import-folder-en.png' });
  await offer.click();
  await expect(page.getByRole('button', { name: 'Open Fractions' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open Decimals' })).toBeVisible();

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await page.getByRole('button', { name: 'المكتبة' }).click();
  await dropFromDisk(page, [folder]);
  await expect(page.getByRole('button', { name: 'استيراد مقطعَي الفيديو من هذا المجلد' })).toBeVisible();
  await page.screenshot({ path: 'test-results/import-folder-ar.png' });
});
