import fs from 'node:fs/promises';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { translator } from '../support/catalogs';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';
import { callStudio } from './hub-pages';
import { axe } from '../support/axe';

/**
 * axe-core over every screen and dialog of the first hour, in English and in Arabic: any violation, of
 * any impact, fails. Controls are found by the names the catalogs give them, as a screen reader would.
 */

let video: string;
let hub: HubProcess | undefined;
const hubDirs: string[] = [];
const shells: RunningShell[] = [];

test.beforeAll(async () => {
  video = await makeTestVideo(await tempDir('e2e-a11y-media'), { name: 'Group work.mp4', seconds: 4, width: 320, height: 240 });
});
test.afterAll(async () => {
  await hub?.stop();
  for (const dir of hubDirs) await fs.rm(dir, { recursive: true, force: true });
  for (const shell of shells) {
    await shell.stop();
    await fs.rm(shell.dataDir, { recursive: true, force: true });
  }
});

/** One real hub for the signed-in screens, started by the first test that needs it. */
async function realHub(): Promise<HubProcess> {
  if (!hub) {
    const dir = await tempDir('e2e-a11y-hub');
    hubDirs.push(dir);
    hub = await startHubProcess(dir);
  }
  return hub;
}

/** Attaches a screenshot of what is scanned, then records every axe violation on it (softly, so one run lists them all). */
async function scan(page: Page, testInfo: TestInfo, language: string, screen: string): Promise<void> {
  const shot = testInfo.outputPath(`${language}-${screen}.png`);
  await page.screenshot({ path: shot });
  await testInfo.attach(`${language}-${screen}.png`, { path: shot, contentType: 'image/png' });
  const { violations } = await axe(page).analyze();
  const found = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
  }));
  expect.soft(found, `${language}: ${screen}`).toEqual([]);
}

for (const { language, locale } of [
  { language: 'en', locale: 'en-GB' },
  { language: 'ar', locale: 'ar-JO' },
]) {
  test.describe(`in ${language}`, () => {
    test.use({ locale });

    test(`every screen and dialog of the first hour has no axe violations (${language})`, async ({ page }, testInfo) => {
      // Some twenty full scans: minutes on a shared 2-core runner.
      test.setTimeout(360_000);
      const t = translator(language);
      const shell = await startWebShell(await tempDir(`e2e-a11y-${language}`));
      shells.push(shell);
      const nav = (name: string) => page.getByRole('navigation', { name: t('nav.main') }).getByRole('button', { name, exact: true });

      // The empty library, with the first-run welcome and then without it.
      await page.goto(shell.url);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const welcome = page.getByRole('region', { name: t('welcome.title') });
      await expect(welcome).toBeVisible();
      await scan(page, testInfo, language, 'library-welcome');
      await welcome.getByRole('button', { name: t('welcome.skip') }).click();
      await expect(welcome).toBeHidden();
      await expect(page.getByRole('heading', { name: t('library.emptyTitle') })).toBeVisible();
      await scan(page, testInfo, language, 'library-empty');

      // One imported lesson.
      const chooser = page.waitForEvent('filechooser');
      await page
        .getByRole('button', { name: t('library.import') })
        .first()
        .click();
      await (await chooser).setFiles(video);
      const card = page.getByRole('button', { name: t('library.openLesson', { title: 'Group work' }) });
      await expect(card).toBeVisible();
      await expect(page.getByRole('listitem').filter({ has: card }).getByText(t('library.processing'))).toBeHidden();
      await scan(page, testInfo, language, 'library-one-lesson');

      // The lesson page and each of its side-panel tabs.
      await card.click();
      await expect(page.getByRole('heading', { name: 'Group work' })).toBeVisible();
      await expect(page.getByRole('button', { name: t('player.play'), exact: true })).toBeVisible();
      for (const tab of ['notes', 'clips', 'reflection', 'details', 'talk', 'blur']) {
        await page
          .getByRole('tablist', { name: t('lesson.panels') })
          .getByRole('tab', { name: t(`lesson.tabs.${tab}`) })
          .click();
        await expect(page.getByRole('tab', { name: t(`lesson.tabs.${tab}`) })).toHaveAttribute('aria-selected', 'true');
        await scan(page, testInfo, language, `lesson-${tab}`);
      }

      const lessonId = new URL(page.url()).hash.split('/')[2]!.split('?')[0]!;
      // The Blur faces tab with a region to review: its tools, the box on the player and the lane;
      // then with the drawing tool, when the picture itself takes the keyboard.
      await callStudio(page, shell, 'blur.addFixed', { lessonId, box: { x: 0.1, y: 0.1, w: 0.3, h: 0.2 } });
      await page.reload();
      await page
        .getByRole('tablist', { name: t('lesson.panels') })
        .getByRole('tab', { name: t('lesson.tabs.blur') })
        .click();
      const blurPanel = page.getByRole('region', { name: t('blur.title') });
      await expect(blurPanel.getByTestId('blur-copy')).toBeVisible();
      await expect(page.getByRole('group', { name: t('blur.lane.label') }).getByRole('button')).toHaveCount(1);
      await scan(page, testInfo, language, 'lesson-blur-regions');
      await blurPanel.getByRole('radio', { name: t('blur.tool.draw') }).check();
      await expect(page.getByRole('application', { name: t('blur.overlay.drawHint') })).toBeVisible();
      await scan(page, testInfo, language, 'lesson-blur-draw');

      // A clip, set up directly: the search screen below finds it by its name.
      await callStudio(page, shell, 'clips.add', {
        lessonId,
        name: language === 'ar' ? 'وقت التفكير' : 'Think time',
        startMs: 0,
        endMs: 2000,
      });

      // The lesson's export dialog.
      await page.getByRole('button', { name: t('packages.exportLesson', { title: 'Group work' }) }).click();
      const exportDialog = page.getByRole('dialog');
      await expect(exportDialog).toBeVisible();
      await scan(page, testInfo, language, 'lesson-export');
      await page.keyboard.press('Escape');
      await expect(exportDialog).toBeHidden();

      // The shortcuts sheet.
      await page.getByRole('heading', { name: 'Group work' }).click();
      await page.keyboard.press('?');
      const shortcuts = page.getByRole('dialog', { name: t('shortcuts.title') });
      await expect(shortcuts).toBeVisible();
      await scan(page, testInfo, language, 'shortcuts');
      await shortcuts.getByRole('button', { name: t('common.close') }).click();
      await expect(shortcuts).toBeHidden();

      await nav(t('nav.search')).click();
      await page.getByRole('searchbox', { name: t('search.label') }).fill(language === 'ar' ? 'التفكير' : 'think');
      await expect(page.getByText(t('search.kinds.clip'), { exact: true })).toBeVisible();
      await scan(page, testInfo, language, 'search-clip');

      await nav(t('nav.collections')).click();
      await expect(page.getByRole('heading', { name: t('collections.title'), level: 1 })).toBeVisible();
      await scan(page, testInfo, language, 'collections');

      await nav(t('nav.communities')).click();
      await expect(page.getByRole('heading', { name: t('hub.introTitle') })).toBeVisible();
      await scan(page, testInfo, language, 'communities-sign-in');

      await nav(t('review.nav')).click();
      await expect(page.getByRole('heading', { name: t('review.screen.title'), level: 1 })).toBeVisible();
      for (const tab of ['inbox', 'requests', 'notices', 'growth', 'rubrics', 'calibration']) {
        await page.getByRole('tab', { name: t(`review.screen.tabs.${tab}`) }).click();
        await expect(page.getByRole('heading', { name: t(`review.withoutAccount.${tab}.title`) })).toBeVisible();
        await scan(page, testInfo, language, `reviews-${tab}`);
      }

      await nav(t('nav.settings')).click();
      await expect(page.getByRole('heading', { name: t('settings.title'), level: 1 })).toBeVisible();
      await scan(page, testInfo, language, 'settings');

      await nav(t('nav.record')).click();
      await expect(page.getByRole('heading', { name: t('record.title'), level: 1 })).toBeVisible();
      await scan(page, testInfo, language, 'record');
    });

    test(`the signed-in screens and the share dialog have no axe violations (${language})`, async ({ page }, testInfo) => {
      test.setTimeout(360_000);
      const t = translator(language);
      const { url: hubUrl } = await realHub();
      const shell = await startWebShell(await tempDir(`e2e-a11y-signed-in-${language}`));
      shells.push(shell);
      const nav = (name: string) => page.getByRole('navigation', { name: t('nav.main') }).getByRole('button', { name, exact: true });
      await page.goto(shell.url);
      await page
        .getByRole('region', { name: t('welcome.title') })
        .getByRole('button', { name: t('welcome.skip') })
        .click();

      // An account on the hub: the Communities screen with no community yet.
      await nav(t('nav.communities')).click();
      await page.getByRole('textbox', { name: t('hub.url') }).fill(hubUrl);
      await page.getByRole('button', { name: t('hub.newAccount') }).click();
      await page.getByRole('textbox', { name: t('hub.email') }).fill(`lead-${language}-${Date.now()}@school.example`);
      await page.getByLabel(t('hub.password')).fill('correct horse battery');
      await page.getByRole('textbox', { name: t('hub.displayName') }).fill(language === 'ar' ? 'أمينة' : 'Amina');
      await page.getByRole('textbox', { name: t('hub.country') }).fill('JO');
      await page.getByRole('button', { name: t('hub.signUp') }).click();
      await expect(page.getByRole('heading', { name: t('hub.communities') })).toBeVisible();
      await expect(page.getByText(t('hub.noCommunities'))).toBeVisible();
      await scan(page, testInfo, language, 'communities-signed-in');

      // A community: its member table and invitation panel, then a fresh invitation.
      await page.getByRole('textbox', { name: t('hub.communityName'), exact: true }).fill('Maths across borders');
      await page.getByRole('button', { name: t('hub.create'), exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Maths across borders', level: 1 })).toBeVisible();
      await expect(page.getByRole('table')).toBeVisible();
      await scan(page, testInfo, language, 'community');
      await page.getByRole('button', { name: t('community.createInvite') }).click();
      await expect(page.getByRole('textbox', { name: t('community.inviteLinkLabel') })).not.toHaveValue('');
      await scan(page, testInfo, language, 'community-invite');

      // Every Reviews tab with an account, each once it has loaded.
      await nav(t('review.nav')).click();
      await expect(page.getByRole('heading', { name: t('review.screen.title'), level: 1 })).toBeVisible();
      const loaded: Record<string, () => Locator> = {
        inbox: () => page.getByRole('heading', { name: t('review.inbox.forMe') }),
        requests: () => page.getByText(t('review.mine.empty')),
        notices: () => page.getByRole('heading', { name: t('review.notices.title') }),
        growth: () => page.getByText(t('review.growth.noGoals')),
        rubrics: () => page.getByRole('heading', { name: t('review.rubrics.forCommunity') }),
        calibration: () => page.getByText(t('review.calibration.none')),
      };
      for (const [tab, shown] of Object.entries(loaded)) {
        await page.getByRole('tab', { name: t(`review.screen.tabs.${tab}`) }).click();
        await expect(page.getByRole('tab', { name: t(`review.screen.tabs.${tab}`) })).toHaveAttribute('aria-selected', 'true');
        await expect(shown()).toBeVisible();
        await scan(page, testInfo, language, `reviews-${tab}-signed-in`);
      }

      // The share dialog of an imported lesson.
      await nav(t('nav.library')).click();
      const chooser = page.waitForEvent('filechooser');
      await page
        .getByRole('button', { name: t('library.import') })
        .first()
        .click();
      await (await chooser).setFiles(video);
      await page.getByRole('button', { name: t('library.openLesson', { title: 'Group work' }) }).click();
      await expect(page.getByRole('heading', { name: 'Group work', level: 1 })).toBeVisible();
      await page.getByRole('button', { name: t('share.open') }).click();
      const share = page.getByRole('dialog', { name: t('share.title') });
      await expect(share).toBeVisible();
      await expect(share.getByRole('radio').first()).toBeVisible();
      await scan(page, testInfo, language, 'share-dialog');
      await page.keyboard.press('Escape');
      await expect(share).toBeHidden();
    });
  });
}
