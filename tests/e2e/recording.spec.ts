import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { locateMediaTools } from '../../core/media/tools';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

const run = promisify(execFile);

let shell: RunningShell;
test.beforeAll(async () => {
  shell = await startWebShell(await tempDir('e2e-record'));
});
test.afterAll(async () => {
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
});

/**
 * Clicks `button` as soon as the recording timer shows `text`, checked on every frame in the page, as
 * a person watching the timer would. Playwright's own waits and clicks each take up to a second on a
 * busy machine, and these clicks must land within the second the timer names.
 */
async function clickWhenTimerShows(page: Page, text: string, button: Locator): Promise<void> {
  const target = await button.elementHandle();
  await page.waitForFunction(
    ([want, el]) => {
      if (document.querySelector('[role="timer"]')?.textContent !== want) return false;
      (el as HTMLButtonElement).click();
      return true;
    },
    [text, target] as const,
    { polling: 'raf', timeout: 20_000 },
  );
}

const lessonIdOf = (page: Page) => /#\/lesson\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
const video = (page: Page) => page.getByLabel('Lesson video');

/** The brightest pixel of the frame on show, drawn small: a decoded picture is not black. */
const brightestPixel = (page: Page) =>
  video(page).evaluate((v: HTMLVideoElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 36;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(v, 0, 0, 64, 36);
    return Math.max(...ctx.getImageData(0, 0, 64, 36).data.filter((_, i) => i % 4 !== 3));
  });

async function probe(file: string) {
  const { stdout } = await run(locateMediaTools().ffprobe, [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,height',
    '-of',
    'json',
    file,
  ]);
  return (JSON.parse(stdout) as { streams: Array<{ codec_type: string; codec_name: string; height?: number }> }).streams;
}

test('record 4 s, pause 2 s, resume for 3 s, stop: a 7 s lesson that seeks, with sprite, peaks and proxy', async ({ page }) => {
  await page.goto(shell.url);
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Record a lesson' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Lesson title' }).fill('Wait time, take 2');
  // The fake camera is on and the microphone level moves before anything is recorded.
  await expect.poll(() => page.getByLabel('Camera preview').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await expect
    .poll(() => page.getByRole('meter', { name: 'Microphone level' }).evaluate((m: HTMLMeterElement) => m.value))
    .toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/record-setup-en.png' });

  await page.getByRole('button', { name: 'Start recording' }).click();
  // It counts down from 3; on a busy machine the first look may already find 2 or 1.
  await expect(page.getByRole('status').getByLabel(/^Recording starts in [1-3]$/)).toBeVisible();
  await page.getByRole('button', { name: 'Start now' }).click();

  const timer = page.getByRole('timer', { name: 'Recorded time' });
  await expect(timer).toBeVisible();
  await clickWhenTimerShows(page, '0:04', page.getByRole('button', { name: 'Pause' }));
  await expect(page.getByText('Paused for 0:02')).toBeVisible();
  await expect(timer).toHaveText('0:04');
  await page.screenshot({ path: 'test-results/record-paused-en.png' });
  await page.getByRole('button', { name: 'Resume' }).click();
  await clickWhenTimerShows(page, '0:07', page.getByRole('button', { name: 'Stop and save' }));

  // Straight to the lesson, titled, while its jobs run.
  await expect(page).toHaveURL(/#\/lesson\//);
  const id = lessonIdOf(page);
  await expect(page.getByRole('heading', { name: 'Wait time, take 2' })).toBeVisible();

  // Remuxed: a true duration, and seeking to 5 s shows a picture.
  await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.duration), { timeout: 60_000 }).toBeGreaterThan(6.5);
  expect(await video(page).evaluate((v: HTMLVideoElement) => v.duration)).toBeLessThan(7.5);
  await video(page).evaluate(
    (v: HTMLVideoElement) =>
      new Promise<void>((resolve) => {
        v.addEventListener('seeked', () => resolve(), { once: true });
        v.currentTime = 5;
      }),
  );
  await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
  expect(await video(page).evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(5, 0);
  expect(await brightestPixel(page)).toBeGreaterThan(40);

  // The sharing copy's size shows beside the original's once the background jobs are done.
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByTestId('asset-proxy')).toContainText(/Sharing copy\s*[\d.,]+\s*(kB|MB)/, { timeout: 90_000 });
  await expect(page.getByTestId('asset-proxy')).toContainText('of the original');
  await expect(page.getByTestId('asset-original')).toContainText(/Original\s*[\d.,]+\s*(kB|MB)/);
  await page.getByTestId('asset-proxy').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/record-lesson-details-en.png' });

  const dir = path.join(shell.dataDir, 'media', id);
  const files = await fs.readdir(dir);
  expect(files).toEqual(expect.arrayContaining(['original.webm', 'sprite.jpg', 'sprite.json', 'peaks.json', 'proxy.mp4', 'poster.jpg']));
  const streams = await probe(path.join(dir, 'proxy.mp4'));
  expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', height: 480 });
  expect(streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });

  // In the library with its duration.
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  // 7 s ± 0.5, shown in whole seconds as players do (6.6 s reads 0:06).
  const card = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Open Wait time, take 2' }) });
  await expect(card.getByTestId('card-duration')).toHaveText(/^0:0[67]$/);
});

test('the recording screen in Arabic, and discarding a recording after confirming', async ({ page }) => {
  await page.goto(shell.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('button', { name: 'تسجيل', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'سجّل درسًا' })).toBeVisible();
  await expect.poll(() => page.getByLabel('معاينة الكاميرا').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/record-setup-ar.png' });

  await page.getByRole('button', { name: 'ابدأ التسجيل' }).click();
  await page.screenshot({ path: 'test-results/record-countdown-ar.png' });
  await page.getByRole('button', { name: 'ابدأ الآن' }).click();
  const timer = page.getByRole('timer', { name: 'الوقت المسجَّل' });
  // Intl picks the numerals of the reader's locale (Arabic-Indic or Latin, by browser). Two seconds or
  // more: a busy page can repaint the timer from 0:01 straight to 0:03.
  await expect(timer).toHaveText(/^[0٠]:([0٠][2-9٢-٩]|[1-5١-٥][0-9٠-٩])$/, { timeout: 15_000 });
  await page.screenshot({ path: 'test-results/record-recording-ar.png' });

  const lessonsBefore = (await fs.readdir(path.join(shell.dataDir, 'media'))).length;
  await page.getByRole('button', { name: 'تجاهل', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'هل تريد تجاهل هذا التسجيل؟ سيُحذف كل ما سُجّل حتى الآن.' });
  await expect(confirm).toBeVisible();
  await page.screenshot({ path: 'test-results/record-discard-ar.png' });
  await confirm.getByRole('button', { name: 'تجاهل التسجيل' }).click();
  await expect(page.getByRole('button', { name: 'ابدأ التسجيل' })).toBeVisible();
  await expect(page.getByText('تم تجاهل التسجيل.')).toBeVisible();
  expect(await fs.readdir(path.join(shell.dataDir, 'recordings'))).toEqual([]);
  expect((await fs.readdir(path.join(shell.dataDir, 'media'))).length).toBe(lessonsBefore);

  await page.getByRole('button', { name: 'الإعدادات' }).click();
  await page.getByRole('combobox', { name: 'اللغة' }).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});

test('the set-up is remembered: microphone, quality and time limit', async ({ page }) => {
  await page.goto(shell.url);
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  const microphone = page.getByRole('combobox', { name: 'Microphone' });
  await expect(microphone).toBeEnabled();
  await microphone.selectOption({ label: 'Fake Audio Input 1' });
  await page.getByRole('combobox', { name: 'Quality' }).selectOption('480p');
  await page.getByRole('combobox', { name: 'Time limit' }).selectOption('10');
  await expect(microphone.locator('option:checked')).toHaveText('Fake Audio Input 1');

  await page.reload();
  await expect(microphone).toBeEnabled();
  await expect(microphone.locator('option:checked')).toHaveText('Fake Audio Input 1');
  await expect(page.getByRole('combobox', { name: 'Quality' })).toHaveValue('480p');
  await expect(page.getByRole('combobox', { name: 'Time limit' })).toHaveValue('10');
});

test('a time limit warns a minute before the end, then stops and keeps the recording', async ({ page }) => {
  // The page's clock is ours to move: five minutes pass in a moment.
  await page.clock.install();
  await page.goto(shell.url);
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.getByRole('combobox', { name: 'Time limit' }).selectOption('5');
  await page.getByRole('textbox', { name: 'Lesson title' }).fill('Five-minute micro-lesson');
  await page.getByRole('button', { name: 'Start recording' }).click();
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByText(/^Time limit 5:00 · [45]:\d\d left$/)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'One minute left' })).toBeHidden();

  await page.clock.fastForward('04:01');
  await expect(page.getByRole('alert').filter({ hasText: 'One minute left. The recording stops by itself at 5:00.' })).toBeVisible();
  await page.screenshot({ path: 'test-results/record-limit-warning-en.png' });
  // MediaRecorder keeps real time, not the page's: let its first second reach the disk before the
  // limit stops it, or there is nothing to keep (a fast machine gets here within a second).
  await expect(page.getByText(/^Safely on disk: .+, about (?!0:00)\d+:\d\d of recording$/)).toBeVisible();

  await page.clock.fastForward('01:00');
  await expect(page).toHaveURL(/#\/lesson\//);
  await expect(page.getByRole('heading', { name: 'Five-minute micro-lesson' })).toBeVisible();
  await expect(page.getByText('The time limit was reached, so the recording stopped. It is saved in your library.')).toBeVisible();
});
