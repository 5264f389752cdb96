import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { callStudio } from './hub-pages';
import { translator } from '../support/catalogs';
import { makeFaceLesson } from '../support/face-lesson';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

/**
 * Face blurring on the lesson page, in English and in Arabic, on a lesson whose faces we placed:
 * look for faces, see the boxes on the player and the lane, draw a box with the keyboard, undo it,
 * draw it again and make the blurred copy.
 */
let shell: RunningShell;
const lessonIds: Record<string, string> = {};
const TITLE = 'Group work';

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const media = await tempDir('e2e-blur-media');
  shell = await startWebShell(await tempDir('e2e-blur-data'));
  const page = await browser.newPage();
  await page.goto(shell.url);
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
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
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
    });
  });
}
