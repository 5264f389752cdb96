import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { callStudio } from './hub-pages';
import { translator } from '../support/catalogs';
import { makeTalkLesson } from '../support/talk-lesson';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';
import { axe } from '../support/axe';

/**
 * The talk analysis on the lesson page, from a lesson whose talk we made: the lane under the timeline,
 * the Talk tab's figures, and a correction that changes them at once, in English and in Arabic.
 */
let shell: RunningShell;
/** One lesson per language: each test corrects its own, so neither sees the other's corrections. */
const lessonIds: Record<string, string> = {};
/** A lesson a teacher teaches with a colleague, per language, for "two adults". */
const coTaughtIds: Record<string, string> = {};
const TITLE = 'Fractions talk';
const CO_TAUGHT = 'Co-taught talk';

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const media = await tempDir('e2e-talk-media');
  shell = await startWebShell(await tempDir('e2e-talk-data'));
  const page = await browser.newPage();
  await page.goto(shell.url);
  for (const language of ['en', 'ar']) {
    const truth = await makeTalkLesson(media, { name: `${TITLE} ${language}.wav`, seconds: 40 });
    const { results } = await callStudio(page, shell, 'lessons.import', { sources: [{ kind: 'path', path: truth.file }] });
    lessonIds[language] = results[0].lesson.id;
    const coTaught = await makeTalkLesson(media, { name: `${CO_TAUGHT} ${language}.wav`, seconds: 40, seed: 7, coTeacher: true });
    const imported = await callStudio(page, shell, 'lessons.import', { sources: [{ kind: 'path', path: coTaught.file }] });
    coTaughtIds[language] = imported.results[0].lesson.id;
  }
  await page.close();
});
test.afterAll(async () => {
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
});

async function openTalk(page: Page, language: string, lesson = { id: lessonIds[language]!, title: TITLE }) {
  const t = translator(language);
  await page.goto(shell.url);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lesson.id}`);
  await expect(page.getByRole('heading', { name: lesson.title })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: t('lesson.tabs.talk') }).click();
  const card = page.getByRole('region', { name: t('talk.title') });
  // The talk job follows the media jobs on import; its progress shows until the figures do.
  await expect(card.locator('[data-figure="teacher"]')).toBeVisible({ timeout: 120_000 });
  return card;
}

for (const { language, locale } of [
  { language: 'en', locale: 'en-GB' },
  { language: 'ar', locale: 'ar-JO' },
]) {
  test.describe(`in ${language}`, () => {
    test.use({ locale });

    test(`the lane, the figures and a correction that changes them (${language})`, async ({ page }, testInfo) => {
      test.setTimeout(180_000);
      const t = translator(language);
      const card = await openTalk(page, language);
      await expect(card.locator('[data-figure="turns"] dd')).not.toBeEmpty();
      await expect(card.getByText(t('talk.explain.wait1'))).toBeVisible();

      const lane = page.getByRole('listbox', { name: t('talk.lane.label') });
      await expect(lane).toBeVisible();
      const students = lane.getByRole('option', { name: new RegExp(`^${t('talk.labels.student')}`) });
      await expect(students.first()).toBeVisible();
      expect(await students.count()).toBeGreaterThan(0);
      await expect(page.getByRole('list', { name: t('talk.legend') })).toBeVisible();
      // The lane lies on the timeline's time axis, which runs left to right in every language.
      const timeline = (await page.getByTestId('timeline-content').boundingBox())!;
      const laneBox = (await lane.boundingBox())!;
      expect(Math.abs(laneBox.x - timeline.x)).toBeLessThan(2);
      expect(Math.abs(laneBox.width - timeline.width)).toBeLessThan(2);

      const studentShare = card.locator('[data-figure="student"] .talk-value');
      const otherShare = card.locator('[data-figure="other"] .talk-value');
      const before = { student: await studentShare.textContent(), other: await otherShare.textContent() };

      // A student's answer marked as "other" (say, a video playing): the shares move at once.
      const band = students.first();
      await band.click();
      await expect(band).toHaveAttribute('aria-selected', 'true');
      const correct = page.getByRole('group', { name: t('talk.correct.label') });
      const asOther = correct.getByRole('button', { name: t('talk.correct.as.other'), exact: true });
      await asOther.click();
      const said = t('talk.correct.done', { label: t('talk.labels.other') });
      await expect(page.getByRole('status').filter({ hasText: said })).toBeAttached();
      await expect(studentShare).not.toHaveText(before.student!);
      await expect(otherShare).not.toHaveText(before.other!);
      await expect(asOther).toHaveAttribute('aria-pressed', 'true');
      await expect(lane.getByRole('option', { name: new RegExp(`^${t('talk.labels.other')}`) }).first()).toBeVisible();

      // The keyboard reaches the bands too: one tab stop, arrows move and the player follows.
      await lane.focus();
      await page.keyboard.press('Home');
      await expect(lane.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
      // Page Down jumps to the next mark (a short wait or a long monologue), as ] does to the next note.
      await page.keyboard.press('PageDown');
      const marks = new RegExp(`${t('talk.lane.shortWaitAfter')}|${t('talk.lane.longMonologue')}`);
      await expect(lane.locator('[aria-selected="true"]')).toHaveAttribute('aria-label', marks);

      // The lane, its legend, the correction buttons and the card pass axe with a band picked.
      const { violations } = await axe(page).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

      const shot = testInfo.outputPath(`talk-${language}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      await testInfo.attach(`talk-${language}.png`, { path: shot, contentType: 'image/png' });
    });

    test(`"two adults" counts a co-teacher's talk as teacher talk, and stays after a reload (${language})`, async ({ page }) => {
      test.setTimeout(180_000);
      const t = translator(language);
      const card = await openTalk(page, language, { id: coTaughtIds[language]!, title: CO_TAUGHT });
      const lane = page.getByRole('listbox', { name: t('talk.lane.label') });
      const coTeacherBands = lane.getByRole('option', { name: new RegExp(`^${t('talk.labels.coteacher')}`) });
      const teacherShare = card.locator('[data-figure="teacher"] .talk-value');
      const before = await teacherShare.textContent();
      await expect(coTeacherBands).toHaveCount(0);
      const twoAdults = card.getByRole('checkbox', { name: t('talk.adults.label') });
      // The one-sentence explanation is the checkbox's description.
      await expect(twoAdults).toHaveAccessibleDescription(t('talk.adults.explain'));
      await expect(twoAdults).not.toBeChecked();
      await twoAdults.check();
      await expect(card.getByRole('status').filter({ hasText: t('talk.adults.on') })).toBeAttached();
      // Relabelled at once: the co-teacher has bands, a colour in the legend, a row of figures, and teacher talk grew.
      await expect(coTeacherBands.first()).toBeVisible();
      await expect(page.getByRole('list', { name: t('talk.legend') }).getByText(t('talk.key.coteacher'))).toBeVisible();
      await expect(card.locator('[data-figure="coteacher"] .talk-value')).not.toBeEmpty();
      await expect(teacherShare).not.toHaveText(before!);
      // A co-teacher band can be corrected like any other, here to the teacher.
      await coTeacherBands.first().click();
      const correct = page.getByRole('group', { name: t('talk.correct.label') });
      await expect(correct.getByRole('button', { name: t('talk.correct.as.coteacher'), exact: true })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      await correct.getByRole('button', { name: t('talk.correct.as.teacher'), exact: true }).click();
      await expect(
        page.getByRole('status').filter({ hasText: t('talk.correct.done', { label: t('talk.labels.teacher') }) }),
      ).toBeAttached();

      // Kept with the lesson: a reload shows the choice, and the co-teacher's row of figures.
      await page.reload();
      await page.getByRole('tab', { name: t('lesson.tabs.talk') }).click();
      await expect(page.getByRole('checkbox', { name: t('talk.adults.label') })).toBeChecked();
      await expect(card.locator('[data-figure="coteacher"] .talk-value')).not.toBeEmpty();
      const { violations } = await axe(page).include('.talk-card').analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });

    test(`Growth charts the talk figures over the lessons, with a table (${language})`, async ({ page }, testInfo) => {
      test.setTimeout(180_000);
      const t = translator(language);
      const card = await openTalk(page, language);
      const teacherShare = await card.locator('[data-figure="teacher"] .talk-value').textContent();
      await page.evaluate(() => (window.location.hash = '#/reviews/growth'));
      const growth = page.getByRole('region', { name: t('talk.growth.title') });
      await expect(growth).toBeVisible();
      for (const figure of ['teacherPct', 'wait1', 'studentTurns', 'wait2']) {
        await expect(growth.getByRole('img', { name: t(`talk.growth.figures.${figure}`) })).toBeVisible();
      }
      // The same values as a table, a row per analysed lesson; this language's lesson shows the Talk tab's share.
      const table = growth.getByRole('table', { name: t('talk.growth.tableCaption') });
      const row = table.getByRole('row', { name: new RegExp(`${TITLE} ${language}`) });
      await expect(row).toBeVisible();
      await expect(row.getByRole('cell').nth(1)).toHaveText(teacherShare!);
      // The words follow the page's direction; the drawings keep time running left to right.
      expect(await table.evaluate((el) => getComputedStyle(el).direction)).toBe(language === 'ar' ? 'rtl' : 'ltr');
      const drawing = growth.getByRole('img', { name: t('talk.growth.figures.wait1') });
      expect(await drawing.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
      const { violations } = await axe(page).include('.talk-growth').analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

      const shot = testInfo.outputPath(`talk-growth-${language}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      await testInfo.attach(`talk-growth-${language}.png`, { path: shot, contentType: 'image/png' });
    });
  });
}
