import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

let dataDir: string;
let shell: RunningShell | undefined;
test.beforeAll(async () => {
  dataDir = await tempDir('e2e-crash');
});
test.afterAll(async () => {
  await shell?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

test('the studio is killed 5 s into a recording; on the next start the recording is recovered into a lesson that plays', async ({
  browser,
}) => {
  shell = await startWebShell(dataDir);
  const context = await browser.newContext();
  const before = await context.newPage();
  await before.goto(shell.url);
  await before.getByRole('button', { name: 'Record', exact: true }).click();
  await before.getByRole('button', { name: 'Start recording' }).click();
  await before.getByRole('button', { name: 'Start now' }).click();
  // Five seconds or more: a busy page can repaint the timer from 0:04 straight to 0:06.
  await expect(before.getByRole('timer', { name: 'Recorded time' })).toHaveText(/^0:(0[5-9]|[1-5]\d)$/, { timeout: 20_000 });
  // What the studio says is safe is what a crash must not lose. (On a starved machine the encoder can
  // lag the timer by seconds; the kill waits for the disk, not for a lucky moment.) The studio counts
  // what is safe in one-second chunks, and a starved encoder puts less than a second in each: at a
  // load of 11 on 2 cores, "about 0:04" was 2.9 s of video. Five chunks leave room for that.
  await expect(before.getByText(/^Safely on disk: .*, about 0:0[5-9] of recording$/)).toBeVisible({ timeout: 30_000 });

  // A crash: no shutdown, nothing flushed or closed by the studio itself.
  await shell.stop('SIGKILL');
  await before.close();
  shell = await startWebShell(dataDir);

  const page = await context.newPage();
  await page.goto(shell.url);
  const dialog = page.getByRole('dialog', { name: 'Unfinished recordings' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Camera', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/recovery-dialog-en.png' });
  await dialog.getByRole('button', { name: /^Recover the recording started / }).click();
  await expect(dialog).toBeHidden();

  await expect(page).toHaveURL(/#\/lesson\//);
  await expect(page.getByRole('heading', { name: /^Recovered recording, / })).toBeVisible();
  const video = page.getByLabel('Lesson video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.duration), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(1);

  // Offered once: nothing is left to recover on the next start.
  await page.reload();
  await expect(page.getByRole('heading', { name: /^Recovered recording, / })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Unfinished recordings' })).toBeHidden();
  await context.close();
});
