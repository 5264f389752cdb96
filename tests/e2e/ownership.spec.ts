import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createHlc } from '../../common/sync/hlc';
import { makeTestVideo } from '../fixtures/media';
import { createCommunity, invite, lessonFields, noteFields, op, pullAll, push, signUp, type RunningHub } from '../integration/hub/helpers';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { rewritePackage } from '../support/package-rewrite';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';
import { openStudio, signUpOnHub, syncNow } from './hub-pages';

/**
 * A second studio learns a teacher's lesson id from an exported package, then crafts a package and
 * pushes a record with that id. The teacher's lesson, media and notes stay untouched and private,
 * and the teacher is told what was refused.
 */

let hub: HubProcess;
let hubData: string;
let shell: RunningShell;
let work: string;
let video: string;

test.beforeAll(async () => {
  work = await tempDir('e2e-ownership');
  video = await makeTestVideo(work, { name: 'Wait time practice.mp4', seconds: 4, width: 320, height: 240 });
  hubData = await tempDir('e2e-ownership-hub');
  hub = await startHubProcess(hubData);
  shell = await startWebShell(await tempDir('e2e-ownership-teacher'));
});
test.afterAll(async () => {
  await Promise.all([shell?.stop(), hub?.stop()]);
  for (const dir of [work, hubData, shell?.dataDir]) if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test('a crafted package and a pushed claim take nothing from the teacher', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await openStudio(browser, shell);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import videos' }).first().click();
  await (await chooser).setFiles(video);
  await page.getByRole('button', { name: 'Open Wait time practice' }).click();
  await expect(page.getByRole('heading', { name: 'Wait time practice' })).toBeVisible();
  await page.keyboard.press('n');
  await page.getByRole('textbox', { name: 'Note text' }).fill('Only for me: I rushed the question');
  await page.getByRole('textbox', { name: 'Note text' }).press('Enter');
  await expect(page.getByRole('button', { name: /^Go to 0:0\d: Only for me: I rushed the question/ })).toBeVisible();

  // The teacher gives a colleague a copy of the lesson, as teachers do.
  await page.getByRole('button', { name: 'Export the lesson Wait time practice' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export “Wait time practice”' });
  await dialog.getByRole('textbox', { name: 'Save in this folder' }).fill(work);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText('Saved to')).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  const exported = path.join(work, 'Wait time practice.pcircle');

  // The colleague is an attacker with a community of their own, which the teacher joins.
  const hubRef = { url: hub.url, clock: { now: Date.now } } as unknown as RunningHub;
  const mallory = await signUp(hubRef, 'Mallory');
  mallory.hlc = createHlc('attacker', Date.now);
  const community = await createCommunity(hubRef, mallory, 'Open exchange');
  await signUpOnHub(page, hub.url, 'Amina', 'JO');
  await page.getByLabel('Invitation code or link').fill((await invite(hubRef, mallory, community.id, 'member')).link);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Open exchange' })).toBeVisible();

  // A package of the same lesson under the attacker's share, with a newer title.
  let lessonId = '';
  const crafted = await rewritePackage(exported, path.join(work, 'Better version.pcircle'), ({ manifest, lessons }) => {
    lessonId = manifest.rootId;
    for (const lesson of lessons.values()) {
      Object.assign(lesson, { title: 'Taken over', updatedAt: Date.now() + 60_000 });
      lesson.share = { communityId: community.id, ownerId: mallory.user.id, sharedAt: Date.now() };
    }
  });
  await page.getByRole('button', { name: 'Collections' }).click();
  const packageChooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import a package' }).click();
  await (await packageChooser).setFiles(crafted);
  await expect(
    page.getByText(/“Better version\.pcircle” was not imported: This package was refused: it carries “Wait time practice”/),
  ).toBeVisible();

  // A record with the lesson's id, pushed to the attacker's community.
  const claim = await push(hubRef, mallory, [
    op(mallory, community.id, 'lesson', lessonId, 'upsert', lessonFields(mallory, { title: 'Taken over' })),
    op(mallory, community.id, 'note', crypto.randomUUID(), 'upsert', noteFields(lessonId)),
  ]);
  expect(claim.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  await syncNow(page);
  await page.locator('.sync-button').click();
  await expect(
    page.getByRole('region', { name: 'Sync with your communities' }).getByText(/2 records from outside claimed lessons or notes/),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/ownership-refused-en.png' });
  await page.locator('.sync-button').click();

  // The lesson is still the teacher's: its title, not shared, its note private, and nothing of it on the hub.
  await page.getByRole('button', { name: 'Library' }).click();
  await expect(page.getByRole('button', { name: 'Open Wait time practice' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open Taken over' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Open Wait time practice' }).click();
  await expect(page.getByRole('button', { name: 'Share…' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Only for me: I rushed the question' })).toBeVisible();
  await expect(page.getByText(/^Shared with/)).toHaveCount(0);
  const { ops } = await pullAll(hubRef, mallory, community.id);
  expect(ops.filter((o) => o.entity === 'note').map((o) => o.fields.text)).not.toContain('Only for me: I rushed the question');
});
