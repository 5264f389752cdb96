import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { translator } from '../support/catalogs';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { makeTalkLesson } from '../support/talk-lesson';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';
import { callStudio } from './hub-pages';
import { axe } from '../support/axe';

/**
 * A mentor's studio shows a lesson's talk analysis beside the timeline only when its teacher ticked
 * "share the talk analysis": the lane and the card, read-only, in English and in Arabic. The teacher
 * teaches with a colleague and said "two adults", which travels with the analysis. Two studios and a
 * real hub; the setting-up goes through the studios' own calls, the checks through the mentor's page.
 */
let hub: HubProcess;
let hubData: string;
let media: string;
const shells: Record<'teacher' | 'mentor', RunningShell> = {} as never;
const lessons = { shared: '', private: '' };
const SHARED = 'Co-taught fractions';
const PRIVATE = 'Fractions, analysis kept home';

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  media = await tempDir('e2e-talk-mentor-media');
  hubData = await tempDir('e2e-talk-mentor-hub');
  hub = await startHubProcess(hubData);
  shells.teacher = await startWebShell(await tempDir('e2e-talk-mentor-teacher'));
  shells.mentor = await startWebShell(await tempDir('e2e-talk-mentor-mentor'));
  const page = { teacher: await browser.newPage(), mentor: await browser.newPage() };
  await page.teacher.goto(shells.teacher.url);
  await page.mentor.goto(shells.mentor.url);
  const teacher = <T = any>(name: string, input: unknown = {}) => callStudio<T>(page.teacher, shells.teacher, name, input);
  const mentor = <T = any>(name: string, input: unknown = {}) => callStudio<T>(page.mentor, shells.mentor, name, input);
  const account = (name: string) => ({
    hubUrl: hub.url,
    email: `${name.toLowerCase()}-${Date.now()}@school.example`,
    password: 'correct horse battery',
    displayName: name,
  });

  await teacher('hub.signUp', account('Amina'));
  await mentor('hub.signUp', account('Budi'));
  const community = await teacher('communities.create', { name: 'Maths across borders', description: 'Practice', languages: ['en', 'ar'] });
  const { link } = await teacher('invites.create', { communityId: community.id, role: 'mentor', expiresInHours: 24, maxUses: null });
  await mentor('invites.join', { codeOrLink: link });

  for (const [key, title, coTeacher] of [
    ['shared', SHARED, true],
    ['private', PRIVATE, false],
  ] as const) {
    const truth = await makeTalkLesson(media, { name: `${title}.wav`, seconds: 40, seed: 7, coTeacher });
    const { results } = await teacher('lessons.import', { sources: [{ kind: 'path', path: truth.file }] });
    lessons[key] = results[0].lesson.id;
  }
  // The talk job follows the media jobs on import.
  for (const lessonId of Object.values(lessons)) {
    await expect.poll(async () => (await teacher('talk.get', { lessonId })).status, { timeout: 120_000 }).toBe('ready');
  }
  await teacher('talk.adults', { lessonId: lessons.shared, twoAdults: true });
  const consent = { visibility: 'voices_only', onFile: true, durationDays: null };
  for (const [lessonId, talkAnalysis] of [
    [lessons.shared, true],
    [lessons.private, false],
  ] as const) {
    await teacher('sharing.share', {
      lessonId,
      communityId: community.id,
      consent: { ...consent, talkAnalysis },
      licence: 'cc_by',
      mediaKind: 'proxy',
    });
  }
  await teacher('sync.now');
  await expect
    .poll(async () => (await teacher<{ state: string }[]>('transfers.list')).every((t) => t.state === 'done'), { timeout: 60_000 })
    .toBe(true);
  await expect.poll(async () => (await teacher('sync.status')).pendingChanges, { timeout: 30_000 }).toBe(0);

  // The mentor's studio learns of both lessons, fetches their media, and has the one shared analysis.
  await expect.poll(async () => (await mentor('sync.now'), (await mentor('lessons.list', {})).total), { timeout: 60_000 }).toBe(2);
  for (const lessonId of Object.values(lessons)) await mentor('transfers.download', { lessonId });
  for (const lessonId of Object.values(lessons)) {
    await expect.poll(async () => (await mentor('lessons.get', { id: lessonId })).status, { timeout: 60_000 }).toBe('ready');
  }
  await expect.poll(async () => (await mentor('talk.get', { lessonId: lessons.shared })).status, { timeout: 30_000 }).toBe('ready');
  await page.teacher.close();
  await page.mentor.close();
});
test.afterAll(async () => {
  await Promise.all([...Object.values(shells).map((s) => s?.stop()), hub?.stop()]);
  for (const dir of [media, hubData, ...Object.values(shells).map((s) => s?.dataDir)])
    if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function openLesson(page: Page, language: string, lessonId: string, title: string) {
  await page.goto(shells.mentor.url);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: translator(language)('lesson.tabs.talk') }).click();
}

for (const { language, locale } of [
  { language: 'en', locale: 'en-GB' },
  { language: 'ar', locale: 'ar-JO' },
]) {
  test.describe(`a mentor, in ${language}`, () => {
    test.use({ locale });

    test(`sees the shared analysis beside the timeline, read-only, with its two adults (${language})`, async ({ page }, testInfo) => {
      const t = translator(language);
      await openLesson(page, language, lessons.shared, SHARED);
      const lane = page.getByRole('listbox', { name: t('talk.lane.label') });
      await expect(lane).toBeVisible();
      // The lane lies on the timeline's time axis, left to right in every language.
      const timeline = (await page.getByTestId('timeline-content').boundingBox())!;
      const laneBox = (await lane.boundingBox())!;
      expect(Math.abs(laneBox.x - timeline.x)).toBeLessThan(2);
      expect(Math.abs(laneBox.width - timeline.width)).toBeLessThan(2);
      await expect(lane.getByRole('option', { name: new RegExp(`^${t('talk.labels.coteacher')}`) }).first()).toBeVisible();
      await expect(lane.getByRole('option', { name: new RegExp(`^${t('talk.labels.student')}`) }).first()).toBeVisible();
      const legend = page.getByRole('list', { name: t('talk.legend') });
      await expect(legend.getByText(t('talk.key.coteacher'))).toBeVisible();

      const card = page.getByRole('region', { name: t('talk.title') });
      await expect(card.locator('[data-figure="teacher"] .talk-value')).not.toBeEmpty();
      await expect(card.locator('[data-figure="coteacher"] .talk-value')).not.toBeEmpty();
      await expect(card.getByText(t('talk.explain.teacherTwoAdults'))).toBeVisible();
      await expect(card.getByText(t('talk.adults.shared'))).toBeVisible();
      await expect(card.getByText(t('talk.sharedByTeacher'))).toBeVisible();

      // Read-only: a band can be picked (the player follows), never relabelled, and the setting is not theirs.
      await lane.getByRole('option').first().click();
      await expect(lane.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('group', { name: t('talk.correct.label') })).toHaveCount(0);
      await expect(page.getByRole('checkbox', { name: t('talk.adults.label') })).toHaveCount(0);

      const { violations } = await axe(page).include('.talk-lane-wrap').include('.talk-controls').include('.talk-card').analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      // The header sticks to the top of the window: back at the top, a full-page picture shows it once, where it is.
      await page.evaluate(() => window.scrollTo(0, 0));
      const shot = testInfo.outputPath(`talk-mentor-${language}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      await testInfo.attach(`talk-mentor-${language}.png`, { path: shot, contentType: 'image/png' });
    });

    test(`sees no analysis of a lesson whose teacher did not tick it (${language})`, async ({ page }) => {
      const t = translator(language);
      await openLesson(page, language, lessons.private, PRIVATE);
      const card = page.getByRole('region', { name: t('talk.title') });
      await expect(card.getByText(t('talk.notShared'))).toBeVisible();
      // The lesson itself plays (its media came), but no lane, no legend and no figures are made up here.
      await expect(page.getByTestId('timeline-content')).toBeVisible();
      await expect(page.getByRole('listbox', { name: t('talk.lane.label') })).toHaveCount(0);
      await expect(page.getByRole('list', { name: t('talk.legend') })).toHaveCount(0);
      await expect(card.locator('[data-figure]')).toHaveCount(0);
      await expect(card.getByRole('button', { name: t('talk.analyse') })).toHaveCount(0);
    });
  });
}
