import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { locateMediaTools } from '../../core/media/tools';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

const run = promisify(execFile);

let shell: RunningShell;
test.beforeAll(async () => {
  shell = await startWebShell(await tempDir('e2e-screen'));
});
test.afterAll(async () => {
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
});

test('screen with the camera in a corner, recorded as one video while the teacher looks elsewhere in the app', async ({ page }) => {
  await page.goto(shell.url);
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.getByRole('radio', { name: 'Screen and camera' }).check();
  await expect(page.getByRole('button', { name: 'Start recording' })).toBeDisabled();
  // Chromium's fake capture UI picks the screen at once.
  await page.getByRole('button', { name: 'Choose screen or window' }).first().click();
  await expect(page.getByText(/^Recording: /)).toBeVisible();
  await expect.poll(() => page.getByLabel('Screen preview').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await expect.poll(() => page.getByLabel('Camera preview').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/record-pip-setup-en.png' });

  await page.getByRole('button', { name: 'Start recording' }).click();
  await page.getByRole('button', { name: 'Start now' }).click();
  // A second or more: a busy page can repaint the timer past any one value.
  await expect(page.getByRole('timer', { name: 'Recorded time' })).toHaveText(/^0:(0[1-9]|[1-5]\d)$/, { timeout: 15_000 });

  // Elsewhere in the app the recording goes on, and the header leads back to it.
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  const indicator = page.getByRole('button', { name: /^Recording \d:\d\d$/ });
  await expect(indicator).toBeVisible();
  await indicator.click();
  await expect(page.getByRole('timer', { name: 'Recorded time' })).toHaveText(/^0:(0[4-9]|[1-5]\d)$/, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Stop and save' }).click();

  await expect(page).toHaveURL(/#\/lesson\//);
  const video = page.getByLabel('Lesson video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.duration), { timeout: 60_000 }).toBeGreaterThan(3.5);
  // One picture the shape of the screen, the camera painted into it: one video stream, one audio stream.
  const [w, h] = await video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]);
  expect(w / h).toBeCloseTo(16 / 9, 1);
  const id = /#\/lesson\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const { stdout } = await run(locateMediaTools().ffprobe, [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type',
    '-of',
    'csv=p=0',
    path.join(shell.dataDir, 'media', id, 'original.webm'),
  ]);
  expect(stdout.trim().split('\n').sort()).toEqual(['audio', 'video']);
});
