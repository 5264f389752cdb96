import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { callStudio } from './hub-pages';
import { translator } from '../support/catalogs';
import { makeFaceLesson } from '../support/face-lesson';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

/**
 * Face blurring on the lesson page, in English and in Arabic, on a lesson whose faces we placed:
 * look for faces, see the boxes on the player and the lane, draw a box with the keyboard, undo it,
 * draw it again, make the blurred copy, share it through the share dialog (the blurred copy is the
 * default), and see on a mentor's studio where it was blurred.
 */
let shell: RunningShell;
let mentorShell: RunningShell;
let hub: HubProcess;
let hubData: string;
let communityId: string;
const lessonIds: Record<string, string> = {};
const TITLE = 'Group work';
const COMMUNITY = 'Maths across borders';

/** Every blob the hub holds, by sha256 (its file store names them so). */
async function hubBlobs(): Promise<Set<string>> {
  const found = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(path.join(dir, e.name));
      else if (/^[0-9a-f]{64}$/.test(e.name)) found.add(e.name);
    }
  };
  await walk(hubData);
  return found;
}

const sha = async (file: string) =>
  createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');

/** Sets up the community the way the screens would: the teacher leads it, the mentor joined by invitation. */
async function community(page: Page, mentorPage: Page) {
  const account = (name: string) => ({
    hubUrl: hub.url,
    email: `${name.toLowerCase()}-${Date.now()}@school.example`,
    password: 'correct horse battery',
    displayName: name,
  });
  await callStudio(page, shell, 'hub.signUp', { ...account('Amina'), country: 'JO' });
  const made = await callStudio(page, shell, 'communities.create', {
    name: COMMUNITY,
    description: 'Practice lessons',
    languages: ['en', 'ar'],
  });
  communityId = made.id;
  const { link } = await callStudio(page, shell, 'invites.create', { communityId, role: 'mentor', expiresInHours: 24, maxUses: null });
  await callStudio(mentorPage, mentorShell, 'hub.signUp', { ...account('Budi'), country: 'ID' });
  await callStudio(mentorPage, mentorShell, 'invites.join', { codeOrLink: link });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const media = await tempDir('e2e-blur-media');
  hubData = await tempDir('e2e-blur-hub');
  hub = await startHubProcess(hubData);
  [shell, mentorShell] = await Promise.all([
    startWebShell(await tempDir('e2e-blur-data')),
    startWebShell(await tempDir('e2e-blur-mentor')),
  ]);
  const page = await browser.newPage();
  await page.goto(shell.url);
  const mentorPage = await browser.newPage();
  await mentorPage.goto(mentorShell.url);
  await community(page, mentorPage);
  await mentorPage.close();
  for (const language of ['en', 'ar']) {
    const lesson = await makeFaceLesson(media, {
      name: `${TITLE} ${language}.mp4`,
      seconds: 4,
      width: 640,
      height: 360,
      faces: [
        { size: 80, from: { x: 100, y: 120 }, to: { x: 140, y: 120 } },
        { size: 70, from: { x: 420, y: 110 }, to: { x: 400, y: 120 }, mirrored: true, hue: 15 },
      ],
    });
    const { results } = await callStudio(page, shell, 'lessons.import', { sources: [{ kind: 'path', path: lesson.file }] });
    lessonIds[language] = results[0].lesson.id;
  }
  await page.close();
});
test.afterAll(async () => {
  await Promise.all([shell?.stop(), mentorShell?.stop(), hub?.stop()]);
  for (const dir of [hubData, shell?.dataDir, mentorShell?.dataDir]) if (dir) await fs.rm(dir, { recursive: true, force: true });
});

for (const { language, locale } of [
  { language: 'en', locale: 'en-GB' },
  { language: 'ar', locale: 'ar-JO' },
]) {
  test.describe(`in ${language}`, () => {
    test.use({ locale });

    test(`detect, review, add a box, render (${language})`, async ({ page }, testInfo) => {
      test.setTimeout(180_000);
      const t = translator(language);
      await page.goto(shell.url);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonIds[language]}`);
      await expect(page.getByRole('heading', { name: TITLE })).toBeVisible({ timeout: 60_000 });
      await page.getByRole('tab', { name: t('lesson.tabs.blur') }).click();
      const panel = page.getByRole('region', { name: t('blur.title') });
      await panel.getByRole('button', { name: t('blur.detect') }).click();
      await expect(panel.getByRole('status')).toHaveText(t(language === 'ar' ? 'blur.found_two' : 'blur.found_other', { count: '2' }), {
        timeout: 120_000,
      });

      // The boxes on the frame shown, and the lane under the timeline.
      const found = new RegExp(`^${t('blur.box.detected', { from: '.*', to: '.*' })}`);
      await expect(page.getByTestId('blur-overlay').getByRole('button', { name: found })).toHaveCount(2);
      await expect(page.getByRole('group', { name: t('blur.lane.label') }).getByRole('button')).toHaveCount(2);

      // A box drawn from the keyboard, undone, drawn again.
      await panel.getByRole('radio', { name: t('blur.tool.draw') }).check();
      const surface = page.getByRole('application', { name: t('blur.overlay.drawHint') });
      await surface.focus();
      await page.keyboard.press('Enter');
      const drawn = new RegExp(`^${t('blur.box.drawn', { from: '.*', to: '.*' })}`);
      await expect(page.getByTestId('blur-overlay').getByRole('button', { name: drawn })).toHaveCount(1);
      await panel.getByRole('button', { name: t('blur.undo') }).click();
      await expect(page.getByTestId('blur-overlay').getByRole('button', { name: drawn })).toHaveCount(0);
      await surface.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('blur-overlay').getByRole('button', { name: drawn })).toHaveCount(1);
      await page.screenshot({ path: testInfo.outputPath(`blur-review-${language}.png`) });

      await panel.getByRole('button', { name: t('blur.render') }).click();
      await expect(panel.getByTestId('blur-copy')).toHaveText(t('blur.copy.current'), { timeout: 120_000 });
      const shot = testInfo.outputPath(`blur-tab-${language}.png`);
      await page.screenshot({ path: shot });
      await testInfo.attach(`blur-tab-${language}.png`, { path: shot, contentType: 'image/png' });

      await shareBlurred(page, language, testInfo.outputPath(`blur-share-${language}.png`));
      await mentorSees(page.context().browser()!, language, locale, testInfo.outputPath(`blur-mentor-${language}.png`));
    });
  });
}

/** Shares the lesson through the share dialog: faces without consent on file go blurred by default. */
async function shareBlurred(page: Page, language: string, shot: string) {
  const t = translator(language);
  const lessonId = lessonIds[language]!;
  await page.getByRole('button', { name: t('share.open') }).click();
  const dialog = page.getByRole('dialog', { name: t('share.title') });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(t('share.visibilities.faces')).check();
  await expect(dialog.getByLabel(t('share.mediaKinds.blurred'))).toBeChecked();
  await expect(dialog.getByText(t('share.facesBlurred'))).toBeVisible();
  await page.screenshot({ path: shot });
  await dialog.getByRole('button', { name: t('share.share'), exact: true }).click();
  await expect(page.locator('.share-chip')).toContainText(COMMUNITY, { timeout: 30_000 });
  // Everything sent: then the hub holds the blurred copy, and neither the original nor the proxy.
  await expect
    .poll(
      async () =>
        (await callStudio(page, shell, 'sync.status', {})).pendingChanges === 0 &&
        (await callStudio<Array<{ lessonId: string; state: string }>>(page, shell, 'transfers.list', {}))
          .filter((x) => x.lessonId === lessonId)
          .every((x) => x.state === 'done'),
      { timeout: 60_000 },
    )
    .toBe(true);
  const mine = (name: string) => path.join(shell.dataDir, 'media', lessonId, name);
  const blobs = await hubBlobs();
  expect(blobs.has(await sha(mine('blurred.mp4')))).toBe(true);
  expect(blobs.has(await sha(mine('original.mp4'))), 'the original never leaves the device').toBe(false);
  expect(blobs.has(await sha(mine('proxy.mp4'))), 'nor its unblurred proxy').toBe(false);
}

/** The mentor's studio plays the blurred copy and shows where it was blurred, read-only. */
async function mentorSees(browser: import('@playwright/test').Browser, language: string, locale: string, shot: string) {
  const t = translator(language);
  const lessonId = lessonIds[language]!;
  const page = await (await browser.newContext({ locale })).newPage();
  await page.goto(mentorShell.url);
  await expect
    .poll(
      async () => {
        await callStudio(page, mentorShell, 'sync.now', {});
        return Boolean((await callStudio(page, mentorShell, 'lessons.get', { id: lessonId })).playbackAssetId);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}`);
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: t('lesson.tabs.blur') }).click();
  const panel = page.getByRole('region', { name: t('blur.title') });
  await expect(panel.getByText(t('blur.shared.intro'))).toBeVisible();
  // Nothing to look for, draw or render on someone else's lesson.
  await expect(panel.getByRole('button')).toHaveCount(0);
  // The teacher's two faces found and the box drawn, in the lane; outlines on the frame shown, never buttons.
  const byTeacher = new RegExp(`^${t('blur.shared.face', { from: '.*', to: '.*' })}`);
  await expect(page.getByRole('group', { name: t('blur.lane.label') }).getByRole('button', { name: byTeacher })).toHaveCount(3);
  await expect(page.getByTestId('blur-overlay').getByRole('img', { name: byTeacher }).first()).toBeVisible();
  await expect(page.getByTestId('blur-overlay').getByRole('button')).toHaveCount(0);
  await page.screenshot({ path: shot });
  await page.context().close();
}
