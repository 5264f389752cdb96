import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';
import { openStudio, signUpOnHub, syncNow } from './hub-pages';

let hub: HubProcess;
let hubData: string;
let teacherShell: RunningShell;
let mentorShell: RunningShell;
let video: string;

test.beforeAll(async () => {
  video = await makeTestVideo(await tempDir('e2e-sync-media'), { name: 'Wait time practice.mp4', seconds: 8, width: 640, height: 360 });
  hubData = await tempDir('e2e-hub');
  hub = await startHubProcess(hubData);
  [teacherShell, mentorShell] = await Promise.all([
    startWebShell(await tempDir('e2e-teacher')),
    startWebShell(await tempDir('e2e-mentor')),
  ]);
});
test.afterAll(async () => {
  await Promise.all([teacherShell?.stop(), mentorShell?.stop(), hub?.stop()]);
  for (const dir of [hubData, teacherShell?.dataDir, mentorShell?.dataDir]) if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const indicator = (page: Page) => page.locator('.sync-button');

test('a teacher shares a lesson; a mentor watches it and leaves notes while the hub is down; the teacher sees them', async ({
  browser,
}) => {
  const teacher = await openStudio(browser, teacherShell);
  const mentor = await openStudio(browser, mentorShell);
  await expect(indicator(teacher)).toContainText('Not signed in to a hub');

  // The teacher creates a community and invites a mentor; the mentor joins with the link.
  await signUpOnHub(teacher, hub.url, 'Amina', 'JO', true);
  await teacher.getByLabel('Name', { exact: true }).fill('Maths across borders');
  await teacher.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(teacher.getByRole('heading', { name: 'Maths across borders' })).toBeVisible();
  await teacher.getByLabel('Joins as').selectOption('mentor');
  await teacher.getByRole('button', { name: 'Create invitation' }).click();
  const link = await teacher.getByLabel('Invitation link').inputValue();

  await signUpOnHub(mentor, hub.url, 'Budi', 'ID', true);
  await mentor.getByLabel('Invitation code or link').fill(link);
  await mentor.getByRole('button', { name: 'Join' }).click();
  await expect(mentor.getByRole('heading', { name: 'Maths across borders' })).toBeVisible();

  // What the permission table forbids a mentor is greyed out; the lead may do it.
  await expect(mentor.getByRole('combobox', { name: 'Role of Amina' })).toBeDisabled();
  await expect(mentor.getByRole('button', { name: 'Create invitation' })).toBeDisabled();
  await teacher.reload();
  await expect(teacher.getByRole('combobox', { name: 'Role of Budi' })).toBeEnabled();
  await expect(teacher.getByRole('button', { name: 'Remove Budi from the community' })).toBeEnabled();
  await expect(teacher.getByRole('row', { name: /Budi/ })).toContainText('Indonesia');
  await teacher.screenshot({ path: 'test-results/community-en.png', fullPage: true });

  // The teacher imports a lesson and shares it with a consent record.
  await teacher.getByRole('button', { name: 'Library' }).click();
  const chooser = teacher.waitForEvent('filechooser');
  await teacher.getByRole('button', { name: 'Import videos' }).first().click();
  await (await chooser).setFiles(video);
  await teacher.getByRole('button', { name: 'Open Wait time practice' }).click();
  await teacher.getByRole('button', { name: 'Share…' }).click();
  const dialog = teacher.getByRole('dialog', { name: 'Share this lesson' });
  // A click before the communities have loaded must still open the dialog, not the hub screen.
  await expect(dialog).toBeVisible();
  // Right after the import the smaller copy for sharing may still be in the making: Share waits for it.
  const share = dialog.getByRole('button', { name: 'Share', exact: true });
  await dialog.getByLabel("Learners' voices only").check();
  await expect(dialog.getByRole('button', { name: 'Share', exact: true })).toBeDisabled();
  await dialog.getByLabel('Consent from learners (or their families) is on file').check();
  await dialog.getByLabel('Licence').selectOption('cc_by');
  await expect(dialog.getByLabel('A smaller copy of the video (recommended on slow connections)')).toBeChecked();
  await expect(share).toBeEnabled({ timeout: 60_000 });
  await expect(dialog.getByRole('status')).toHaveCount(0);
  await teacher.screenshot({ path: 'test-results/share-dialog-en.png' });
  await share.click();
  await expect(teacher.locator('.share-chip')).toHaveText('Shared in Maths across borders', { timeout: 30_000 });
  await expect(indicator(teacher)).not.toContainText('waiting');

  // The teacher's own notes stay private until the teacher shares one.
  await teacher.keyboard.press('n');
  const teacherText = teacher.getByRole('textbox', { name: 'Note text' });
  await teacherText.fill('Watch how long I wait here');
  await teacherText.press('Enter');
  const teacherNote = teacher.locator('article.note', { hasText: 'Watch how long I wait here' });
  await expect(teacherNote).toContainText('Private');
  await teacherNote.getByRole('button', { name: 'Share with the community' }).click();
  await expect(teacherNote).toContainText('Shared with Maths across borders');

  // The hub tells the mentor's studio, which pulls the lesson and its proxy; the mentor watches it.
  await mentor.getByRole('button', { name: 'Library' }).click();
  const card = mentor.getByRole('button', { name: 'Open Wait time practice' });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(mentor.locator('.lesson-card')).toContainText('Shared by Amina in Maths across borders · Jordan');
  await card.click();
  await expect(mentor.locator('.lesson-sharing')).toContainText('On this computer', { timeout: 30_000 });
  await expect(mentor.getByText('Watch how long I wait here')).toBeVisible();
  // The teacher's note is the teacher's: the mentor can reply but not change it.
  await expect(
    mentor.locator('article.note', { hasText: 'Watch how long I wait here' }).getByRole('button', { name: /^Edit note/ }),
  ).toBeDisabled();
  await mentor.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => mentor.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(1);
  await mentor.getByRole('button', { name: 'Pause', exact: true }).click();
  await mentor.screenshot({ path: 'test-results/shared-lesson-en.png' });

  // The hub goes down; the mentor keeps working and sees that the notes wait.
  await hub.stop('SIGKILL');
  await mentor.keyboard.press('n');
  const text = mentor.getByRole('textbox', { name: 'Note text' });
  await text.fill('Lovely wait time after your question');
  await text.press('Enter');
  await expect(mentor.getByText('Lovely wait time after your question')).toBeVisible();
  await expect(indicator(mentor)).toContainText('Offline', { timeout: 30_000 });
  await expect(indicator(mentor)).toContainText('1 change waiting');
  await mentor.screenshot({ path: 'test-results/offline-en.png' });

  // The hub comes back on the same address with the same data; the note reaches the teacher.
  hub = await startHubProcess(hubData, hub.port);
  await syncNow(mentor);
  await expect(indicator(mentor)).not.toContainText('waiting');
  await expect(indicator(mentor)).toContainText('Online');
  await syncNow(teacher);
  await expect(teacher.getByText('Lovely wait time after your question')).toBeVisible();
  await expect(teacher.locator('.notes-panel')).toContainText('Budi');

  // The same pages in Arabic.
  await teacher.getByRole('button', { name: 'Settings' }).click();
  await teacher.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(teacher.locator('html')).toHaveAttribute('dir', 'rtl');
  await teacher.getByRole('button', { name: 'المجتمعات' }).click();
  await expect(teacher.getByRole('heading', { name: 'مجتمعاتك' })).toBeVisible();
  await teacher.screenshot({ path: 'test-results/hub-ar.png', fullPage: true });
  await teacher.getByRole('button', { name: 'افتح Maths across borders' }).click();
  await expect(teacher.getByRole('heading', { name: 'الدروس المشتركة' })).toBeVisible();
  await teacher.screenshot({ path: 'test-results/community-ar.png', fullPage: true });
  await teacher.locator('.sync-button').click();
  await teacher.screenshot({ path: 'test-results/sync-panel-ar.png' });
});
