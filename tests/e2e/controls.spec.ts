import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { callStudio } from './hub-pages';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

let shell: RunningShell;
let lessonId: string;
let spareId: string;
let ar: any;

const TITLE = 'Wait time in grade 4';
const SPARE = 'A take to throw away';

const rpc = <T = any>(page: Page, name: string, input: unknown) => callStudio<T>(page, shell, name, input);

test.beforeAll(async ({ browser }) => {
  ar = JSON.parse(await fs.readFile(path.resolve(import.meta.dirname, '../../renderer/i18n/ar.json'), 'utf8'));
  const media = await tempDir('e2e-controls-media');
  const video = await makeTestVideo(media, { name: `${TITLE}.mp4`, seconds: 12, width: 640, height: 360 });
  const spare = await makeTestVideo(media, { name: `${SPARE}.mp4`, seconds: 3, width: 320, height: 180 });
  shell = await startWebShell(await tempDir('e2e-controls-data'));
  const page = await browser.newPage();
  await page.goto(shell.url);
  await rpc(page, 'settings.set', { displayName: 'Amina' });
  const { results } = await rpc(page, 'lessons.import', {
    sources: [
      { kind: 'path', path: video },
      { kind: 'path', path: spare },
    ],
  });
  lessonId = results[0].lesson.id;
  spareId = results[1].lesson.id;
  await expect
    .poll(
      async () =>
        (await Promise.all([lessonId, spareId].map((id) => rpc(page, 'lessons.get', { id })))).every(
          (l) => l.status === 'ready' && l.playbackAssetId,
        ),
      {
        timeout: 60_000,
      },
    )
    .toBe(true);
  await page.close();
});
test.afterAll(async () => {
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
});

test.beforeEach(({ page }) => {
  // The studio asks with its own dialog; a browser confirm() would be a regression.
  page.on('dialog', (d) => {
    throw new Error(`a browser dialog opened: ${d.message()}`);
  });
});

async function openLesson(page: Page, title = TITLE) {
  await page.goto(shell.url);
  await page.getByRole('button', { name: `Open ${title}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('the header popovers close with Esc or a click outside, and only one is open at a time', async ({ page }) => {
  await page.goto(shell.url);
  const syncButton = page.getByRole('button', { name: /Not signed in to a hub/ });
  // Its name is what runs now ("Nothing running", "Preparing …"), which changes while the fixture's proxy is made.
  const jobsButton = page.locator('button[aria-controls="jobs-panel"]');
  const syncPanel = page.getByRole('region', { name: 'Sync with your communities' });
  const jobsPanel = page.getByRole('region', { name: 'Background work' });

  await syncButton.click();
  await expect(syncPanel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(syncPanel).toBeHidden();
  await expect(syncButton).toBeFocused();
  await expect(syncButton).toHaveAttribute('aria-expanded', 'false');

  await syncButton.click();
  await jobsButton.click();
  await expect(jobsPanel).toBeVisible();
  await expect(syncPanel).toBeHidden();
  await page.screenshot({ path: 'test-results/controls-jobs-popover-en.png' });

  await page.getByRole('heading', { level: 1, name: 'Library' }).click();
  await expect(jobsPanel).toBeHidden();
  // A click inside a panel is no click outside.
  await jobsButton.click();
  await jobsPanel.getByRole('heading', { name: 'Background work' }).click();
  await expect(jobsPanel).toBeVisible();
  await jobsButton.press('Escape');
  await expect(jobsPanel).toBeHidden();
  await expect(jobsButton).toBeFocused();
});

test('replies say they are replies, show who wrote them and when, and every note control has its own name', async ({ page }) => {
  await page.goto(shell.url);
  const first = await rpc(page, 'notes.add', { lessonId, startMs: 3000, text: 'Only one second of wait time', kind: 'suggestion' });
  await rpc(page, 'notes.add', { lessonId, startMs: 3200, text: 'Lovely open question', kind: 'praise' });
  const reply = await rpc(page, 'notes.add', {
    lessonId,
    parentId: first.id,
    startMs: 3000,
    text: 'I will count to five next time',
    kind: 'suggestion',
  });
  await openLesson(page);

  // Two notes in the same second: their buttons are told apart by their words.
  await expect(page.getByRole('button', { name: 'Edit note 0:03: Only one second of wait time', exact: true })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Edit note 0:03: Lovely open question', exact: true })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Delete note 0:03: Lovely open question', exact: true })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Reply to the note at 0:03: Lovely open question', exact: true })).toHaveCount(1);

  const thread = page.getByRole('list', { name: 'Replies to the note at 0:03' });
  const edit = thread.getByRole('button', { name: 'Edit the reply from Amina: I will count to five next time', exact: true });
  await expect(edit).toHaveText('Edit reply');
  await expect(thread.getByRole('button', { name: 'Delete the reply from Amina: I will count to five next time', exact: true })).toHaveText(
    'Delete reply',
  );
  const written = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(reply.createdAt);
  await expect(thread.getByRole('listitem')).toContainText(`Amina${written}`);
  await thread.screenshot({ path: 'test-results/controls-reply-en.png' });
});

test('deleting a lesson asks in the app’s own dialog: Esc keeps it and gives focus back, the button deletes it', async ({ page }) => {
  await openLesson(page, SPARE);
  const remove = page.getByRole('button', { name: 'Delete lesson' });
  await remove.click();
  const dialog = page.getByRole('alertdialog', { name: `Delete “${SPARE}” and all its notes? This cannot be undone.` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: 'test-results/controls-confirm-en.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: SPARE })).toBeVisible();

  await remove.click();
  await dialog.getByRole('button', { name: 'Delete lesson' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await expect(page.getByRole('button', { name: `Open ${SPARE}` })).toHaveCount(0);
  await expect
    .poll(() =>
      rpc(page, 'lessons.get', { id: spareId }).then(
        () => 'there',
        () => 'gone',
      ),
    )
    .toBe('gone');
});

test('tabs move with the arrow keys, Home and End, one Tab stop for the row', async ({ page }) => {
  await openLesson(page);
  const tab = (name: string) => page.getByRole('tablist', { name: 'Lesson panels' }).getByRole('tab', { name, exact: true });
  await tab('Notes').click();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Clips')).toBeFocused();
  await expect(tab('Clips')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Clips' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(tab('Blur faces')).toBeFocused();
  await expect(tab('Blur faces')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Details')).toBeFocused();
  await expect(tab('Details')).toHaveAttribute('aria-selected', 'true');
  // The details panel fits its side of the page: nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  await expect(tab('Notes')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Blur faces')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tab('Notes')).toBeFocused();
  // The selected tab is the row's one Tab stop.
  await expect(tab('Clips')).toHaveAttribute('tabindex', '-1');
  await expect(tab('Notes')).toHaveAttribute('tabindex', '0');

  await page.getByRole('button', { name: 'Reviews' }).click();
  const reviewTab = (name: string) => page.getByRole('tablist', { name: 'Review sections' }).getByRole('tab', { name, exact: true });
  await reviewTab('To review').click();
  await page.keyboard.press('ArrowRight');
  await expect(reviewTab('My requests')).toBeFocused();
  await expect(reviewTab('My requests')).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/#\/reviews\/requests$/);
});

test('the seek slider moves 5 s an arrow, 1 s with Shift, and says the time', async ({ page }) => {
  await openLesson(page);
  await page
    .locator('video')
    .evaluate(
      (v: HTMLVideoElement) => new Promise((r) => (v.readyState >= 1 ? r(null) : v.addEventListener('loadedmetadata', r, { once: true }))),
    );
  const slider = page.getByRole('slider', { name: 'Timeline position' });
  await slider.focus();
  await expect(slider).toHaveAttribute('aria-valuetext', '0:00');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '0:05');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '0:06');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', '0:01');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', '0:00');
  await expect.poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime)).toBe(0);
});

test('a long code name shows whole in the coding list', async ({ page }) => {
  await openLesson(page);
  const code = page.getByRole('button', { name: '5 Classroom management: code it now' });
  await expect(code).toContainText('Classroom management');
  // Whole, not cut off with an ellipsis: no part of its words is clipped.
  expect(await code.evaluate((b) => [...b.querySelectorAll('span')].every((s) => s.scrollWidth <= s.clientWidth))).toBe(true);
  await page.getByRole('region', { name: 'Coding' }).screenshot({ path: 'test-results/controls-coding-en.png' });
});

test('after moving to another screen, focus is on its heading', async ({ page }) => {
  await page.goto(shell.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  await page.getByRole('button', { name: 'Library' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeFocused();
  await page.getByRole('button', { name: `Open ${TITLE}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeFocused();
  await page.getByRole('button', { name: 'Back to library' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeFocused();
});

test('in Arabic: tab arrows are mirrored, and ? opens the shortcuts from the Arabic layout’s «؟»', async ({ page }) => {
  await page.goto(shell.url);
  const note = await rpc(page, 'notes.add', { lessonId, startMs: 8000, text: 'انتظار جيد بعد السؤال', kind: 'praise' });
  await rpc(page, 'notes.add', { lessonId, parentId: note.id, startMs: 8000, text: 'شكرًا، سأحاول ذلك مجددًا', kind: 'praise' });
  await rpc(page, 'settings.set', { language: 'ar' });
  await page.goto(`${shell.url}#/lesson/${lessonId}`);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const tabs = ar.lesson.tabs;
  const tab = (name: string) => page.getByRole('tablist', { name: ar.lesson.panels }).getByRole('tab', { name, exact: true });
  await tab(tabs.notes).click();
  // The first tab is on the right: Left goes on to the next.
  await page.keyboard.press('ArrowLeft');
  await expect(tab(tabs.clips)).toBeFocused();
  await expect(tab(tabs.clips)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(tab(tabs.notes)).toBeFocused();
  // From the first, Right wraps round to the last.
  await page.keyboard.press('ArrowRight');
  await expect(tab(tabs.blur)).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: 'test-results/controls-tabs-ar.png' });

  // Shift with the / key: Arabic layouts type «؟», not "?".
  await page.getByRole('heading', { level: 1, name: TITLE }).focus();
  await page.evaluate(() =>
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '؟', code: 'Slash', shiftKey: true, bubbles: true, cancelable: true })),
  );
  const help = page.getByRole('dialog', { name: ar.shortcuts.title });
  await expect(help).toBeVisible();
  await page.screenshot({ path: 'test-results/controls-shortcuts-ar.png' });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // What a person sees of the other changes, right to left.
  await tab(tabs.notes).click();
  await page
    .getByRole('list', { name: new RegExp(`^${ar.notes.replies.split('{{')[0]}`) })
    .last()
    .screenshot({ path: 'test-results/controls-reply-ar.png' });
  await page.getByRole('button', { name: ar.lesson.delete }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByRole('button', { name: ar.common.cancel })).toBeFocused();
  await page.screenshot({ path: 'test-results/controls-confirm-ar.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: new RegExp(ar.sync.notSignedIn) }).click();
  await page.screenshot({ path: 'test-results/controls-sync-popover-ar.png' });
  await page.keyboard.press('Escape');

  await rpc(page, 'settings.set', { language: 'en' });
});
