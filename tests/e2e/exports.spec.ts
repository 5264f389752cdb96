import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { callStudio } from './hub-pages';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

let shell: RunningShell;
let gate: string;
let media: string;

const TITLE = 'Wait time practice';

const rpc = <T = any>(page: Page, name: string, input: unknown) => callStudio<T>(page, shell, name, input);

test.beforeAll(async () => {
  media = await tempDir('e2e-exports-media');
  await makeTestVideo(media, { name: `${TITLE}.mp4`, seconds: 8, width: 640, height: 360 });
  // The real ffmpeg, but the sharing copy waits until the test has looked at the work in progress: on a
  // fast machine it would otherwise be done before anyone could read its name.
  gate = path.join(media, 'open');
  const ffmpeg = path.join(media, 'ffmpeg-held');
  await fs.writeFile(
    ffmpeg,
    `#!/bin/sh\ncase "$*" in *proxy*) while [ ! -e "${gate}" ]; do sleep 0.1; done;; esac\nexec "$(command -v ffmpeg)" "$@"\n`,
    { mode: 0o755 },
  );
  shell = await startWebShell(await tempDir('e2e-exports-data'), { FFMPEG_PATH: ffmpeg });
});
test.afterAll(async () => {
  await fs.writeFile(gate, '');
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
  await fs.rm(media, { recursive: true, force: true });
});

test('after an import, background work is named in plain words, and the lesson page offers no Cancel for it, in English and Arabic', async ({
  page,
}) => {
  await page.goto(shell.url);
  const { results } = await rpc(page, 'lessons.import', { sources: [{ kind: 'path', path: path.join(media, `${TITLE}.mp4`) }] });
  const lessonId = results[0].lesson.id as string;
  await page.reload();

  const header = page.getByRole('banner');
  const status = header.getByRole('button', { name: `Preparing \u2068${TITLE}\u2069…` });
  await expect(status).toBeVisible();
  await status.click();
  const list = page.getByRole('region', { name: 'Background work' });
  await expect(list.getByText('Preparing a smaller copy for sharing')).toBeVisible();
  await expect(list.getByText(`For \u2068${TITLE}\u2069`).first()).toBeVisible();
  await expect(list.getByRole('button', { name: 'Cancel: Preparing a smaller copy for sharing' })).toBeVisible();
  await expect(list).not.toContainText(/Sharing copy|tasks? running|Waveform|Scrub previews/);
  await page.screenshot({ path: test.info().outputPath('background-work-en.png') });
  await status.click();

  await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}`);
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
  const background = page.getByRole('region', { name: 'In the background' });
  await expect(background.getByText('Preparing a smaller copy for sharing')).toBeVisible();
  await expect(background.getByRole('button', { name: /Cancel/ })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('lesson-background-en.png'), fullPage: true });

  await rpc(page, 'settings.set', { language: 'ar' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(header.getByRole('button', { name: `جارٍ تحضير \u2068${TITLE}\u2069…` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'في الخلفية' }).getByText('تحضير نسخة أصغر للمشاركة')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('lesson-background-ar.png'), fullPage: true });

  await fs.writeFile(gate, '');
  await expect(header.getByRole('button', { name: 'لا شيء قيد التشغيل' })).toBeVisible({ timeout: 60_000 });
  await rpc(page, 'settings.set', { language: 'en' });
});

test('the notes export dialog offers replies, the reflection and private notes, and writes Arabic names in an Arabic studio', async ({
  page,
}) => {
  await fs.writeFile(gate, '');
  await page.goto(shell.url);
  const { results } = await rpc(page, 'lessons.import', { sources: [{ kind: 'path', path: path.join(media, `${TITLE}.mp4`) }] });
  const lessonId = results[0].lesson.id as string;
  const note = await rpc(page, 'notes.add', {
    lessonId,
    startMs: 2000,
    text: 'Waited after asking',
    kind: 'praise',
    codeId: '01a2088b-ea32-70ef-afa9-368d07bab24a',
  });
  await rpc(page, 'notes.add', { lessonId, parentId: note.id, startMs: 0, text: 'ثلاث ثوانٍ' });
  await rpc(page, 'reflection.save', { lessonId, wentWell: '', wouldChange: '', feedbackWanted: 'Is my wait long enough?', shared: false });

  for (const [language, names] of [
    [
      'en',
      {
        open: 'Export notes…',
        dialog: 'Export notes',
        csv: /Spreadsheet \(CSV\)/,
        parts: ['Replies', 'My reflection', 'Private notes'],
        save: 'Export',
        report: 'Feedback report',
        reflection: 'Reflection',
        asked: 'What do I want feedback on?',
      },
    ],
    [
      'ar',
      {
        open: 'تصدير الملاحظات…',
        dialog: 'تصدير الملاحظات',
        csv: /جدول بيانات \(CSV\)/,
        parts: ['الردود', 'تأملي', 'الملاحظات الخاصة'],
        save: 'تصدير',
        report: 'تقرير التغذية الراجعة',
        reflection: 'التأمل',
        asked: 'في أي جانب أريد تغذية راجعة؟',
      },
    ],
  ] as const) {
    await rpc(page, 'settings.set', { language });
    await page.goto(shell.url);
    await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}`);
    await page.getByRole('button', { name: names.open }).click();
    const dialog = page.getByRole('dialog', { name: names.dialog });
    for (const part of names.parts) await expect(dialog.getByRole('checkbox', { name: part })).toBeChecked();
    await page.screenshot({ path: test.info().outputPath(`notes-export-${language}.png`) });
    await dialog.getByRole('radio', { name: names.csv }).check();
    await dialog.getByRole('checkbox', { name: names.parts[0] }).uncheck();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: names.save, exact: true }).click();
    const csv = await fs.readFile((await (await download).path())!, 'utf8');
    expect(csv).not.toContain('ثلاث ثوانٍ');
    if (language === 'ar') {
      expect(csv).toContain(',إشادة,طرح الأسئلة,');
      expect(csv).toContain('"في أي جانب أريد تغذية راجعة؟\nIs my wait long enough?"');
    } else {
      expect(csv).toContain(',Praise,Questioning,');
      expect(csv).toContain('"What do I want feedback on?\nIs my wait long enough?"');
    }

    // The printed report carries the reflection too, and the reply under its note.
    await page.getByRole('button', { name: names.report }).click();
    const reflection = page.getByRole('region', { name: names.reflection });
    await expect(reflection.getByText(names.asked)).toBeVisible();
    await expect(reflection.getByText('Is my wait long enough?')).toBeVisible();
    await expect(page.locator('.report-reply')).toContainText('ثلاث ثوانٍ');
    await page.screenshot({ path: test.info().outputPath(`report-${language}.png`), fullPage: true });
  }
  await rpc(page, 'settings.set', { language: 'en' });
});
