import fs from 'node:fs/promises';
import { expect, test, type Browser, type Locator, type Page, type TestInfo } from '@playwright/test';
import { isolateIfRtl } from '../../common/bidi';
import { makeTestVideo } from '../fixtures/media';
import { say } from '../support/catalogs';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';
import { callStudio } from './hub-pages';

/**
 * Issue 15, "The first hour": a teacher's first hour with the studio, driven only by what a person
 * sees. First run (a name and a language), a video imported, notes pinned, a reflection written,
 * the notes exported; then an invitation link from a mentor (who created the community in their own
 * studio on one real hub), the lesson shared with consent, a review asked for, and the mentor's note
 * arriving on the teacher's lesson. Once in English and once with the teacher's computer in Arabic;
 * and the teacher's whole side once more with the keyboard alone, in two parts.
 */

type Lang = 'en' | 'ar';

const TITLE = 'Questioning practice';
const COMMUNITY = 'Maths across borders';
let hub: HubProcess;
let video: string;
const dirs: string[] = [];
const shells: RunningShell[] = [];

test.beforeAll(async () => {
  const media = await tempDir('e2e-first-hour-media');
  dirs.push(media);
  video = await makeTestVideo(media, { name: `${TITLE}.mp4`, seconds: 6, width: 640, height: 360 });
  const hubData = await tempDir('e2e-first-hour-hub');
  dirs.push(hubData);
  hub = await startHubProcess(hubData);
});
test.afterAll(async () => {
  await Promise.all([...shells.map((s) => s.stop()), hub?.stop()]);
  for (const dir of [...dirs, ...shells.map((s) => s.dataDir)]) await fs.rm(dir, { recursive: true, force: true });
});

async function studio(browser: Browser, who: string, locale: string): Promise<Page> {
  const shell = await startWebShell(await tempDir(`e2e-first-hour-${who}`));
  shells.push(shell);
  const page = await (await browser.newContext({ locale })).newPage();
  await page.goto(shell.url);
  return page;
}

/** Each step's screen goes into the report. */
async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  await info.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

const email = (name: string) => `${name.toLowerCase().replace(/\W+/g, '')}-${Date.now()}@school.example`;

/** The header's sync button, found by the words on it, then its panel's Sync now. */
async function syncNow(page: Page, lang: Lang): Promise<void> {
  const states = ['online', 'offline', 'syncing', 'problem'].map((k) => say(lang, `sync.${k}`));
  const button = page.getByRole('banner').getByRole('button', { name: new RegExp(`^(${states.join('|')})`) });
  await button.click();
  await page
    .getByRole('region', { name: say(lang, 'sync.title') })
    .getByRole('button', { name: say(lang, 'sync.now') })
    .click();
  await button.click();
}

/** The mentor's side: an account on the hub, a community, and an invitation link for a member. */
async function mentorInvites(mentor: Page, info: TestInfo): Promise<string> {
  await mentor.getByRole('button', { name: 'Skip' }).click();
  await mentor.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Communities' }).click();
  await mentor.getByRole('textbox', { name: 'Hub address' }).fill(hub.url);
  await mentor.getByRole('button', { name: 'I am new' }).click();
  await mentor.getByRole('textbox', { name: 'Email' }).fill(email('budi'));
  await mentor.getByLabel('Password').fill('correct horse battery');
  await mentor.getByRole('textbox', { name: 'Your name as others see it' }).fill('Budi');
  await mentor.getByRole('textbox', { name: 'Country (two-letter code)' }).fill('ID');
  await mentor.getByRole('button', { name: 'Create account' }).click();
  await expect(mentor.getByText('Signed in as Budi')).toBeVisible();
  await mentor.getByRole('textbox', { name: 'Name', exact: true }).fill(COMMUNITY);
  await mentor.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(mentor.getByRole('heading', { name: COMMUNITY })).toBeVisible();
  await mentor.getByRole('combobox', { name: 'Joins as' }).selectOption({ label: 'Member' });
  await mentor.getByRole('button', { name: 'Create invitation' }).click();
  const link = mentor.getByRole('textbox', { name: 'Invitation link' });
  await expect(link).not.toHaveValue('');
  await snap(mentor, info, 'mentor: community and invitation');
  return link.inputValue();
}

for (const [lang, locale, teacherName] of [
  ['en', 'en-GB', 'Amina Haddad'],
  ['ar', 'ar', 'أمينة حداد'],
] as const) {
  test(`the first hour, teacher in ${lang === 'en' ? 'English' : 'Arabic'}`, async ({ browser }, info) => {
    test.setTimeout(240_000);
    const s = (key: string, vars?: Record<string, string>) => say(lang, key, vars);
    const teacher = await studio(browser, `teacher-${lang}`, locale);
    const mentor = await studio(browser, `mentor-${lang}`, 'en-GB');

    // First run: the welcome card asks for a name and shows the computer's language.
    await expect(teacher.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    const welcome = teacher.getByRole('region', { name: s('welcome.title') });
    await expect(welcome.getByRole('combobox', { name: s('welcome.language') })).toHaveValue(lang);
    await welcome.getByRole('textbox', { name: s('welcome.name') }).fill(teacherName);
    await snap(teacher, info, '1 welcome');
    await welcome.getByRole('button', { name: s('welcome.start') }).click();
    await expect(welcome).toBeHidden();

    // Import a video.
    const chooser = teacher.waitForEvent('filechooser');
    await teacher
      .getByRole('button', { name: s('library.import') })
      .first()
      .click();
    await (await chooser).setFiles(video);
    const card = teacher.getByRole('button', { name: s('library.openLesson', { title: TITLE }) });
    await expect(card).toBeVisible();
    await snap(teacher, info, '2 imported');
    await card.click();
    await expect(teacher.getByRole('heading', { name: TITLE, level: 1 })).toBeVisible();

    // Notes: N pins one at the playhead, under the teacher's name.
    const noteText = lang === 'en' ? 'Open question, three learners answered' : 'سؤال مفتوح، أجاب ثلاثة متعلمين';
    await teacher.keyboard.press('n');
    const text = teacher.getByRole('textbox', { name: s('notes.text') });
    await expect(text).toBeFocused();
    await text.fill(noteText);
    await text.press('Enter');
    const myNote = teacher.getByRole('listitem').filter({ hasText: noteText });
    await expect(myNote.getByText(teacherName)).toBeVisible();
    await snap(teacher, info, '3 note');

    // A reflection, including what the teacher wants feedback on.
    const asked = lang === 'en' ? 'Do I wait long enough after a question?' : 'هل أنتظر وقتًا كافيًا بعد السؤال؟';
    await teacher.getByRole('tab', { name: s('lesson.tabs.reflection') }).click();
    await teacher
      .getByRole('textbox', { name: s('reflection.wentWell') })
      .fill(lang === 'en' ? 'The opening question' : 'السؤال الافتتاحي');
    await teacher.getByRole('textbox', { name: s('reflection.feedbackWanted') }).fill(asked);
    await teacher.getByRole('button', { name: s('reflection.save') }).click();
    await expect(teacher.getByRole('status').filter({ hasText: s('reflection.saved') })).toBeVisible();
    await snap(teacher, info, '4 reflection');

    // Export the notes as a spreadsheet; the file has the note, the name and the reflection.
    await teacher.getByRole('button', { name: s('tools.exportNotes') }).click();
    const exportDialog = teacher.getByRole('dialog', { name: s('notesExport.title') });
    await exportDialog.getByRole('radio', { name: new RegExp(s('notesExport.formats.csv').replace(/[()]/g, '\\$&')) }).check();
    await expect(exportDialog.getByRole('checkbox', { name: s('notesExport.parts.reflection') })).toBeChecked();
    await snap(teacher, info, '5 export');
    const download = teacher.waitForEvent('download');
    await exportDialog.getByRole('button', { name: s('notesExport.save'), exact: true }).click();
    const csv = await fs.readFile((await (await download).path())!, 'utf8');
    expect(csv).toContain(noteText);
    expect(csv).toContain(teacherName);
    // A person's words in a right-to-left script are isolated in the file, so they keep their order beside ours.
    expect(csv).toContain(`${s('reflection.feedbackWanted')}\n${isolateIfRtl(asked)}`);

    // The mentor creates the community and sends an invitation link.
    const link = await mentorInvites(mentor, info);

    // The teacher pastes the link: the hub address fills itself in; an account, then the join.
    await teacher
      .getByRole('navigation', { name: s('nav.main') })
      .getByRole('button', { name: s('nav.communities') })
      .click();
    await expect(teacher.getByRole('heading', { name: s('hub.introTitle') })).toBeVisible();
    await teacher.getByRole('textbox', { name: s('hub.invitation') }).fill(link);
    await expect(teacher.getByRole('textbox', { name: s('hub.url') })).toHaveValue(hub.url);
    await teacher.getByRole('button', { name: s('hub.newAccount') }).click();
    await teacher.getByRole('textbox', { name: s('hub.email') }).fill(email(`amina-${lang}`));
    await teacher.getByLabel(s('hub.password')).fill('correct horse battery');
    await teacher.getByRole('textbox', { name: s('hub.displayName') }).fill(teacherName);
    await teacher.getByRole('textbox', { name: s('hub.country') }).fill('JO');
    await snap(teacher, info, '6 hub account');
    await teacher.getByRole('button', { name: s('hub.signUp') }).click();
    // The pasted invitation carries over to the join form.
    await expect(teacher.getByRole('textbox', { name: s('hub.inviteCode') })).toHaveValue(link);
    await teacher.getByRole('button', { name: s('hub.join'), exact: true }).click();
    await expect(teacher.getByRole('heading', { name: COMMUNITY })).toBeVisible();
    await snap(teacher, info, '7 joined');

    // Share the lesson, with consent on file.
    await teacher
      .getByRole('navigation', { name: s('nav.main') })
      .getByRole('button', { name: s('nav.library') })
      .click();
    await teacher.getByRole('button', { name: s('library.openLesson', { title: TITLE }) }).click();
    await teacher.getByRole('button', { name: s('share.open') }).click();
    const share = teacher.getByRole('dialog', { name: s('share.title') });
    await share.getByLabel(s('share.visibilities.voices_only')).check();
    await share.getByLabel(s('share.onFile')).check();
    await snap(teacher, info, '8 share');
    await share.getByRole('button', { name: s('share.share'), exact: true }).click({ timeout: 60_000 });
    await expect(share).toBeHidden({ timeout: 30_000 });

    // Ask for a review.
    await teacher.getByRole('button', { name: s('review.request.open') }).click();
    await teacher.getByRole('textbox', { name: s('review.request.focus') }).fill(asked);
    await teacher.getByRole('button', { name: s('review.request.send') }).click();
    await expect(teacher.getByText(s('review.request.sent'))).toBeVisible();
    await snap(teacher, info, '9 review asked');
    await syncNow(teacher, lang);

    // The mentor sees the request, opens the lesson and leaves a note.
    await syncNow(mentor, 'en');
    await mentor
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /^Reviews/ })
      .click();
    await mentor.getByRole('tab', { name: /^To review/ }).click();
    await expect(mentor.getByText(asked)).toBeVisible();
    await snap(mentor, info, '10 mentor inbox');
    await mentor.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
    await mentor.getByRole('button', { name: `Open ${TITLE}` }).click();
    await expect(mentor.getByRole('heading', { name: TITLE, level: 1 })).toBeVisible();
    await mentor.keyboard.press('n');
    const feedback = 'Yes: you waited a full three seconds here';
    const mentorText = mentor.getByRole('textbox', { name: 'Note text' });
    await mentorText.fill(feedback);
    await mentorText.press('Enter');
    await expect(mentor.getByText(feedback)).toBeVisible();
    await snap(mentor, info, '11 mentor note');
    await syncNow(mentor, 'en');

    // The mentor's note arrives on the teacher's lesson, under the mentor's name.
    await syncNow(teacher, lang);
    const arrived = teacher.getByRole('listitem').filter({ hasText: feedback });
    await expect(arrived).toBeVisible({ timeout: 30_000 });
    await expect(arrived.getByText('Budi')).toBeVisible();
    await snap(teacher, info, '12 feedback arrived');
  });
}

/**
 * Tab until the control has the focus, as a keyboard user does; fails if it is never reached. Each
 * press is checked against the control, so none is a blind wait.
 */
async function tabTo(page: Page, target: Locator, limit = 60, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 5_000 })) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test('the first part with the keyboard alone: welcome, import, a note, a reflection, a clip, search, export', async ({ browser }, info) => {
  test.setTimeout(240_000);
  const page = await studio(browser, 'keyboard', 'en-GB');
  // Only watched, never acted on: a pointer press anywhere would be a step a keyboard user cannot take.
  await page.evaluate(() => {
    const w = window as unknown as { pointerPresses: number };
    w.pointerPresses = 0;
    window.addEventListener('pointerdown', () => w.pointerPresses++, true);
  });

  const welcome = page.getByRole('region', { name: 'Welcome to Practice Circle' });
  const name = welcome.getByRole('textbox', { name: 'Your name' });
  await tabTo(page, name);
  await page.keyboard.type('Amina Haddad');
  await snap(page, info, 'keyboard 1 welcome');
  await page.keyboard.press('Enter');
  await expect(welcome).toBeHidden();

  // Import: the button opens the system file chooser from the keyboard too.
  const importButton = page.getByRole('button', { name: 'Import videos' }).first();
  await tabTo(page, importButton);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(video);
  const card = page.getByRole('button', { name: `Open ${TITLE}` });
  await expect(card).toBeVisible();
  await tabTo(page, card);
  await snap(page, info, 'keyboard 2 imported');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: TITLE, level: 1 })).toBeVisible();

  // N pins a note; Enter saves it.
  await page.keyboard.press('n');
  const text = page.getByRole('textbox', { name: 'Note text' });
  await expect(text).toBeFocused();
  await page.keyboard.type('Good wait time');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listitem').filter({ hasText: 'Good wait time' }).getByText('Amina Haddad')).toBeVisible();
  await snap(page, info, 'keyboard 3 note');

  // The panels' tabs are one Tab stop; the arrows move along them, and the selection follows.
  const panels = page.getByRole('tablist', { name: 'Lesson panels' });
  await tabTo(page, panels.getByRole('tab', { selected: true }));
  const tab = panels.getByRole('tab', { name: 'Reflection' });
  for (let i = 0; i < 4 && (await tab.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowRight');
  await expect(tab).toBeFocused();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await tabTo(page, page.getByRole('textbox', { name: 'What do I want feedback on?' }));
  await page.keyboard.type('Do I wait long enough?');
  const save = page.getByRole('button', { name: 'Save reflection' });
  await tabTo(page, save);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Reflection saved' })).toBeVisible();
  await snap(page, info, 'keyboard 4 reflection');

  // A clip: I marks the start, L moves on five seconds, O the end (and offers a note on the range,
  // which Esc declines); the Clips panel saves the marked range under a name.
  await page.keyboard.press('i');
  await page.keyboard.press('l');
  await page.keyboard.press('o');
  const rangeNote = page.getByRole('textbox', { name: 'Note text' });
  await expect(rangeNote).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(rangeNote).toBeHidden();
  await tabTo(page, panels.getByRole('tab', { selected: true }), 60, 'Shift+Tab');
  const clipsTab = panels.getByRole('tab', { name: 'Clips' });
  for (let i = 0; i < 4 && (await clipsTab.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowRight');
  await expect(clipsTab).toHaveAttribute('aria-selected', 'true');
  const clipName = page.getByRole('textbox', { name: 'Clip name' });
  await tabTo(page, clipName);
  await page.keyboard.type('Think time');
  await page.keyboard.press('Enter');
  const clip = page.getByRole('button', { name: /^Go to clip Think time \(0:00/ });
  await expect(clip).toBeVisible();
  await snap(page, info, 'keyboard 5 clip');

  // Search finds the clip by its name; its result opens the lesson among its clips.
  const searchNav = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search', exact: true });
  await tabTo(page, searchNav, 120, 'Shift+Tab');
  await page.keyboard.press('Enter');
  const searchField = page.getByRole('searchbox', { name: 'Search lessons, notes, replies, reflections and clips' });
  await expect(searchField).toBeFocused();
  await page.keyboard.type('think time');
  const hit = page.getByRole('button', { name: `Open ${TITLE} at 0:00` });
  const result = page.getByRole('listitem').filter({ has: hit });
  await expect(result).toContainText('Clip');
  await expect(result.locator('mark')).toHaveText([/^think$/i, /^time$/i]);
  await snap(page, info, 'keyboard 6 search');
  await tabTo(page, hit);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: TITLE, level: 1 })).toBeFocused();
  await expect(clipsTab).toHaveAttribute('aria-selected', 'true');
  await expect(clip).toBeVisible();

  // The notes out as a spreadsheet: the arrows pick the format in the dialog, Enter on Save saves it.
  await tabTo(page, page.getByRole('button', { name: 'Export notes…' }));
  await page.keyboard.press('Enter');
  const exportDialog = page.getByRole('dialog', { name: 'Export notes' });
  const csv = exportDialog.getByRole('radio', { name: /^Spreadsheet/ });
  await tabTo(page, exportDialog.getByRole('radio', { checked: true }));
  await page.keyboard.press('ArrowDown');
  await expect(csv).toBeChecked();
  await snap(page, info, 'keyboard 7 export');
  await tabTo(page, exportDialog.getByRole('button', { name: 'Export', exact: true }));
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = await fs.readFile((await (await download).path())!, 'utf8');
  expect(file).toContain('Good wait time');
  expect(file).toContain('Do I wait long enough?');
  await expect(exportDialog).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { pointerPresses: number }).pointerPresses)).toBe(0);
});

test('the second part with the keyboard alone: an invitation link, an account, the join, a share with consent, a review asked for', async ({
  browser,
}, info) => {
  test.setTimeout(240_000);
  const mentor = await studio(browser, 'keyboard-mentor', 'en-GB');
  const link = await mentorInvites(mentor, info);

  const shell = await startWebShell(await tempDir('e2e-first-hour-keyboard-2'));
  shells.push(shell);
  const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await page.goto(shell.url);
  await page.evaluate(() => {
    const w = window as unknown as { pointerPresses: number };
    w.pointerPresses = 0;
    window.addEventListener('pointerdown', () => w.pointerPresses++, true);
  });
  // The import was walked by keyboard in the first part; here the lesson is simply there.
  await callStudio(page, shell, 'lessons.import', { sources: [{ kind: 'path', path: video }] });
  const welcome = page.getByRole('region', { name: 'Welcome to Practice Circle' });
  await tabTo(page, welcome.getByRole('textbox', { name: 'Your name' }));
  await page.keyboard.type('Amina Haddad');
  await page.keyboard.press('Enter');
  await expect(welcome).toBeHidden();

  // The invitation link fills in the hub address; the account form is walked field by field.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await tabTo(page, nav.getByRole('button', { name: 'Communities' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'What is a community hub?' })).toBeVisible();
  await tabTo(page, page.getByRole('textbox', { name: 'Invitation link or code' }));
  await page.keyboard.type(link);
  await expect(page.getByRole('textbox', { name: 'Hub address' })).toHaveValue(hub.url);
  await tabTo(page, page.getByRole('button', { name: 'I am new' }));
  await page.keyboard.press('Enter');
  for (const [label, value] of [
    ['Email', email('amina-keyboard')],
    ['Password', 'correct horse battery'],
    ['Your name as others see it', 'Amina Haddad'],
    ['Country (two-letter code)', 'JO'],
  ] as const) {
    await tabTo(page, page.getByLabel(label, { exact: true }));
    await page.keyboard.type(value);
  }
  await snap(page, info, 'keyboard 8 hub account');
  await tabTo(page, page.getByRole('button', { name: 'Create account' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Invitation code or link' })).toHaveValue(link);
  await tabTo(page, page.getByRole('button', { name: 'Join', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: COMMUNITY })).toBeVisible();
  await snap(page, info, 'keyboard 9 joined');

  // Back to the lesson, and share it: the arrows choose what learners show, Space ticks consent.
  await tabTo(page, nav.getByRole('button', { name: 'Library' }), 120, 'Shift+Tab');
  await page.keyboard.press('Enter');
  const card = page.getByRole('button', { name: `Open ${TITLE}` });
  await tabTo(page, card);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: TITLE, level: 1 })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Share…' }), 120);
  await page.keyboard.press('Enter');
  const share = page.getByRole('dialog', { name: 'Share this lesson' });
  await expect(share).toBeVisible();
  // The visibility group is one Tab stop, at its chosen radio ("No learners" at first).
  await tabTo(page, share.getByRole('radio', { name: 'No learners' }));
  const voices = share.getByRole('radio', { name: "Learners' voices only" });
  for (let i = 0; i < 6 && !(await voices.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(voices).toBeChecked();
  const consent = share.getByRole('checkbox', { name: 'Consent from learners (or their families) is on file' });
  await tabTo(page, consent);
  await page.keyboard.press('Space');
  await expect(consent).toBeChecked();
  await snap(page, info, 'keyboard 10 share');
  const shareButton = share.getByRole('button', { name: 'Share', exact: true });
  await expect(shareButton).toBeEnabled({ timeout: 60_000 });
  await tabTo(page, shareButton);
  await page.keyboard.press('Enter');
  await expect(share).toBeHidden({ timeout: 30_000 });

  // Ask for feedback, with a focus question.
  await tabTo(page, page.getByRole('button', { name: 'Ask for feedback' }), 120);
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('textbox', { name: 'Focus question' }));
  await page.keyboard.type('Do I wait long enough?');
  await tabTo(page, page.getByRole('button', { name: 'Send request' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Request sent. Mentors will see it at their next sync.')).toBeVisible();
  await snap(page, info, 'keyboard 11 review asked');
  expect(await page.evaluate(() => (window as unknown as { pointerPresses: number }).pointerPresses)).toBe(0);
});
