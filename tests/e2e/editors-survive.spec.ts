import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { callStudio } from './hub-pages';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

/**
 * No incoming change discards what a person is typing (issue 20, item 5): with the note composer, a
 * reply, a note being edited and a collection's details all holding unsaved text, changes land from
 * outside (as a sync would bring them: another note, the edited note changed, the collection renamed).
 * The text stays, also when the list is remounted, and the editors whose record changed say so.
 */
let shell: RunningShell;
let lessonId: string;
const catalogs: Record<string, any> = {};

const TITLE = 'Wait time in grade 4';
const rpc = <T = any>(page: Page, name: string, input: unknown) => callStudio<T>(page, shell, name, input);

test.beforeAll(async ({ browser }) => {
  for (const lang of ['en', 'ar'])
    catalogs[lang] = JSON.parse(await fs.readFile(path.resolve(import.meta.dirname, `../../renderer/i18n/${lang}.json`), 'utf8'));
  const media = await tempDir('e2e-editors-media');
  const video = await makeTestVideo(media, { name: `${TITLE}.mp4`, seconds: 12, width: 640, height: 360 });
  shell = await startWebShell(await tempDir('e2e-editors-data'));
  const page = await browser.newPage();
  await page.goto(shell.url);
  await rpc(page, 'settings.set', { displayName: 'Amina', welcomeDone: true });
  const { results } = await rpc(page, 'lessons.import', { sources: [{ kind: 'path', path: video }] });
  lessonId = results[0].lesson.id;
  await expect
    .poll(
      async () => {
        const l = await rpc(page, 'lessons.get', { id: lessonId });
        return l.status === 'ready' && Boolean(l.playbackAssetId);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  await page.close();
});
test.afterAll(async () => {
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const lang of ['en', 'ar'] as const) {
  test(`what is typed survives notes and a collection changing underneath (${lang})`, async ({ page }) => {
    const s = (key: string, values: Record<string, string> = {}) => {
      const text = key.split('.').reduce((o, k) => o[k], catalogs[lang]) as string;
      return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
    };
    /** A catalog string whose values (times, excerpts) are written by the app: any text stands for them. */
    const like = (key: string) =>
      new RegExp(
        (key.split('.').reduce((o, k) => o[k], catalogs[lang]) as string)
          .split(/\{\{\w+\}\}/)
          .map(escape)
          .join('.*'),
      );

    await page.goto(shell.url);
    await rpc(page, 'settings.set', { language: lang });
    const mine = await rpc(page, 'notes.add', { lessonId, startMs: 2000, text: `Pause after the question (${lang})` });
    const edited = await rpc(page, 'notes.add', { lessonId, startMs: 5000, text: `Hands up too early (${lang})` });
    const collection = await rpc(page, 'collections.create', { title: `Wait time exemplars (${lang})` });

    await page.goto(shell.url);
    await page.getByRole('button', { name: s('library.openLesson', { title: TITLE }) }).click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

    // A new note, a reply to one note, and another note being edited: all typed, none saved.
    await page.getByRole('button', { name: new RegExp(`^${escape(s('notes.add'))}`) }).click();
    const composer = page.getByRole('form', { name: like('notes.addAt') });
    await composer.getByRole('textbox', { name: s('notes.text') }).fill('Three seconds, then a name');

    await page
      .locator(`article[data-note-id="${mine.id}"]`)
      .getByRole('button', { name: like('notes.replyToOf') })
      .click();
    const reply = page.getByRole('form', { name: like('notes.replyTo') });
    await reply.getByRole('textbox', { name: s('notes.replyText') }).fill('Yes, and the pause after the answer too');

    await page
      .locator(`article[data-note-id="${edited.id}"]`)
      .getByRole('button', { name: like('notes.editOf') })
      .click();
    const editor = page.getByRole('form', { name: s('notes.edit') });
    await editor.getByRole('textbox', { name: s('notes.text') }).fill('Hands up before the wait ended: try no-hands');

    // Changes land from outside, as a sync brings them: another note, and the note being edited changed.
    // (notes.update tells no one, a sync does: the note added after it brings both to the screen.)
    await rpc(page, 'notes.update', { id: edited.id, text: `Changed on the other device (${lang})` });
    await rpc(page, 'notes.add', { lessonId, startMs: 8000, text: `From the other device (${lang})` });
    await expect(page.getByText(`From the other device (${lang})`)).toBeVisible();

    const typedSurvives = async () => {
      await expect(composer.getByRole('textbox', { name: s('notes.text') })).toHaveValue('Three seconds, then a name');
      await expect(reply.getByRole('textbox', { name: s('notes.replyText') })).toHaveValue('Yes, and the pause after the answer too');
      await expect(editor.getByRole('textbox', { name: s('notes.text') })).toHaveValue('Hands up before the wait ended: try no-hands');
      // Only the edited note changed underneath; the new note and the reply are told nothing.
      await expect(editor.getByText(s('drafts.changedUnderneath'))).toBeVisible();
      await expect(page.getByText(s('drafts.changedUnderneath'))).toHaveCount(1);
    };
    await typedSurvives();
    await page.screenshot({ path: `test-results/editors-survive-notes-${lang}.png`, fullPage: true });

    // The list remounted (another tab and back): the editors open again with what was typed.
    await page.getByRole('tab', { name: s('lesson.tabs.details') }).click();
    await page.getByRole('tab', { name: s('lesson.tabs.notes') }).click();
    await typedSurvives();

    // Saving the edit writes what was typed, and the notice goes.
    await editor.getByRole('button', { name: s('notes.save') }).click();
    await expect(page.locator(`article[data-note-id="${edited.id}"]`)).toContainText('Hands up before the wait ended: try no-hands');
    await expect(page.getByText(s('drafts.changedUnderneath'))).toHaveCount(0);
    await expect(composer.getByRole('textbox', { name: s('notes.text') })).toHaveValue('Three seconds, then a name');

    // A collection's details, typed and not saved, while the collection is renamed elsewhere.
    await page.getByRole('button', { name: s('nav.collections') }).click();
    await page.getByRole('button', { name: s('collections.open', { title: `Wait time exemplars (${lang})` }) }).click();
    await page.getByRole('button', { name: s('collections.editDetails') }).click();
    const details = page.getByRole('dialog', { name: s('collections.editDetails') });
    await details.getByRole('button', { name: s('collections.addDescription') }).click();
    const description = details.getByRole('textbox', { name: s('collections.descriptionText', { position: '1' }) });
    await description.fill('Six lessons where the teacher waits');
    await rpc(page, 'collections.update', { id: collection.id, title: `Renamed elsewhere (${lang})` });
    await expect(page.getByRole('heading', { name: `Renamed elsewhere (${lang})` })).toBeAttached();
    await expect(description).toHaveValue('Six lessons where the teacher waits');
    await expect(details.getByText(s('drafts.changedUnderneath'))).toBeVisible();
    await page.screenshot({ path: `test-results/editors-survive-collection-${lang}.png`, fullPage: true });
  });
}
