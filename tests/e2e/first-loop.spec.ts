import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

let shell: RunningShell;
let video: string;

test.beforeAll(async () => {
  const media = await tempDir('e2e-media');
  video = await makeTestVideo(media, { name: 'Wait time practice.mp4', seconds: 8, width: 640, height: 360 });
  shell = await startWebShell(await tempDir('e2e-data'));
});
test.afterAll(async () => {
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
});

const videoTime = (page: Page) => page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime);

test('import, watch, pin a note, find it again after a reload, and switch to Arabic', async ({ page }) => {
  await page.goto(shell.url);

  // First run: an empty library that says what to do.
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();

  // Import through the file chooser.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import videos' }).first().click();
  await (await chooser).setFiles(video);

  // The card shows its poster frame and duration once processed.
  const card = page.getByRole('button', { name: 'Open Wait time practice' });
  await expect(card).toBeVisible();
  // The button is the card's title; its poster and duration are beside it, in the same list item.
  const cardItem = page.getByRole('listitem').filter({ has: card });
  await expect(cardItem.getByTestId('card-duration')).toHaveText('0:08');
  const poster = cardItem.locator('img');
  await expect(poster).toBeVisible();
  await expect.poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

  // Open it and play.
  await card.click();
  await expect(page.getByRole('heading', { name: 'Wait time practice' })).toBeVisible();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => videoTime(page)).toBeGreaterThan(0.5);

  // Pin a note at about 3 s with N.
  await expect.poll(() => videoTime(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('n');
  const text = page.getByRole('textbox', { name: 'Note text' });
  await expect(text).toBeVisible();
  // N pauses the video: where it stopped is the note's moment.
  const noteTime = await videoTime(page);
  expect(noteTime).toBeGreaterThanOrEqual(3);
  await expect(text).toBeFocused();
  await text.fill('Good wait time after the question');
  await text.press('Enter');
  const noteButton = page.getByRole('button', { name: /^Go to 0:0\d: Good wait time after the question/ });
  await expect(noteButton).toBeVisible();

  // After a reload the note is still there, and a click on it seeks the video there.
  await page.reload();
  await expect(noteButton).toBeVisible();
  await page
    .locator('video')
    .evaluate(
      (v: HTMLVideoElement) => new Promise((r) => (v.readyState >= 1 ? r(null) : v.addEventListener('loadedmetadata', r, { once: true }))),
    );
  await noteButton.click();
  await expect.poll(() => videoTime(page)).toBeGreaterThanOrEqual(noteTime - 0.1);
  expect(await videoTime(page)).toBeLessThan(noteTime + 0.5);

  // Arabic flips the layout; the player's controls stay left to right.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { name: 'الإعدادات' })).toBeVisible();
  await page.screenshot({ path: 'test-results/settings-ar.png' });
  await page.getByRole('button', { name: 'المكتبة' }).click();
  await page.getByRole('button', { name: 'افتح Wait time practice' }).click();
  await expect(page.locator('.controls')).toHaveAttribute('dir', 'ltr');
  await page.screenshot({ path: 'test-results/lesson-ar.png' });
});
