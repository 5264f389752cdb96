import fs from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { callStudio } from './hub-pages';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

let shell: RunningShell;
let lessonId: string;
let durationMs: number;

const TITLE = 'Questioning in grade 5';

const rpc = <T = any>(page: Page, name: string, input: unknown) => callStudio<T>(page, shell, name, input);

test.beforeAll(async ({ browser }) => {
  const media = await tempDir('e2e-annotation-media');
  const video = await makeTestVideo(media, { name: `${TITLE}.mp4`, seconds: 12, width: 640, height: 360 });
  shell = await startWebShell(await tempDir('e2e-annotation-data'));
  const page = await browser.newPage();
  await page.goto(shell.url);
  const { results } = await rpc(page, 'lessons.import', { sources: [{ kind: 'path', path: video }] });
  lessonId = results[0].lesson.id;
  // The timeline draws from the waveform and sprite the media jobs make.
  await expect
    .poll(
      async () => {
        const lesson = await rpc(page, 'lessons.get', { id: lessonId });
        return (
          lesson.status === 'ready' &&
          ['peaks', 'sprite', 'sprite_index'].every((k) => lesson.assets.some((a: { kind: string }) => a.kind === k))
        );
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  durationMs = (await rpc(page, 'lessons.get', { id: lessonId })).durationMs;
  await page.close();
});
test.afterAll(async () => {
  await shell?.stop();
  await fs.rm(shell.dataDir, { recursive: true, force: true });
});

const videoState = (page: Page) => page.locator('video').evaluate((v: HTMLVideoElement) => ({ time: v.currentTime, paused: v.paused }));

async function openLesson(page: Page, atMs?: number) {
  await page.goto(shell.url);
  await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}${atMs !== undefined ? `?t=${atMs}` : ''}`);
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
  await page
    .locator('video')
    .evaluate(
      (v: HTMLVideoElement) => new Promise((r) => (v.readyState >= 1 ? r(null) : v.addEventListener('loadedmetadata', r, { once: true }))),
    );
}

/** Seeks the way a person does with the keyboard-free fallback: a click on the timeline at that moment. */
async function seekTo(page: Page, ms: number) {
  const scrub = page.getByRole('slider', { name: 'Timeline position' });
  const box = (await scrub.boundingBox())!;
  await scrub.click({ position: { x: (ms / durationMs) * box.width, y: box.height / 2 } });
  await expect.poll(async () => Math.abs((await videoState(page)).time * 1000 - ms)).toBeLessThan(150);
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
}

test('point note with N, range with I/O, a code with 1 while playing: on the timeline at their moments and in the list', async ({
  page,
}) => {
  await openLesson(page);

  await seekTo(page, 2000);
  await page.keyboard.press('n');
  const text = page.getByRole('textbox', { name: 'Note text' });
  await expect(text).toBeFocused();
  // Shortcuts never fire while typing: "k", "i" and "1" here are just letters.
  await text.fill('');
  await text.pressSequentially('Clear task, kids ready 1');
  await expect.poll(async () => (await videoState(page)).paused).toBe(true);
  await text.press('Enter');
  const point = page.getByRole('button', { name: /^Go to 0:02: Clear task, kids ready 1/ });
  await expect(point).toBeVisible();

  await seekTo(page, 4000);
  await page.keyboard.press('i');
  await expect(page.getByText('In point at 0:04.')).toBeVisible();
  await seekTo(page, 6500);
  await page.keyboard.press('o');
  const rangeText = page.getByRole('textbox', { name: 'Note text' });
  await expect(rangeText).toBeFocused();
  await page.getByRole('combobox', { name: 'Kind', exact: true }).selectOption('question');
  await rangeText.fill('Long pause before anyone answers');
  await rangeText.press('Enter');
  await expect(page.getByRole('button', { name: /^Go to 0:04: Long pause/ })).toBeVisible();

  await seekTo(page, 7000);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => (await videoState(page)).time).toBeGreaterThan(8);
  await page.keyboard.press('1');
  const coded = page.getByRole('button', { name: /^Go to 0:0[89]: Questioning/ });
  await expect(coded).toBeVisible();
  // Coding does not interrupt watching.
  expect((await videoState(page)).paused).toBe(false);
  await expect(page.getByTestId('code-count-1')).toHaveText('1');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();

  const notes = await rpc<Array<{ id: string; startMs: number; endMs: number | null; text: string; codeId: string | null }>>(
    page,
    'notes.list',
    { lessonId },
  );
  expect(notes).toHaveLength(3);
  const timeline = await box(page.getByTestId('timeline-content'));
  const x = (ms: number) => timeline.x + (ms / durationMs) * timeline.width;
  for (const n of notes) {
    const marker = await box(page.locator(`.timeline [data-note-id="${n.id}"]`));
    if (n.endMs === null) {
      expect(Math.abs(marker.x + marker.width / 2 - x(n.startMs))).toBeLessThan(3);
    } else {
      expect(Math.abs(marker.x - x(n.startMs))).toBeLessThan(3);
      expect(Math.abs(marker.x + marker.width - x(n.endMs))).toBeLessThan(3);
    }
    // And the same note is in the list.
    await expect(page.locator(`.notes-list article[data-note-id="${n.id}"]`)).toBeVisible();
  }
  const range = notes.find((n) => n.endMs !== null)!;
  expect(range.startMs).toBeGreaterThanOrEqual(3900);
  expect(range.endMs).toBeGreaterThanOrEqual(6400);
  expect(notes.find((n) => n.codeId)!.startMs).toBeGreaterThanOrEqual(8000);

  // Undo takes back the last change, and the shortcut sheet lists every key.
  await page.keyboard.press('Control+z');
  await expect(coded).toBeHidden();

  // ] and [ go from note to note along the timeline, and say where they landed.
  const pointMs = notes.find((n) => n.endMs === null && !n.codeId)!.startMs;
  await seekTo(page, 500);
  const at = async () => (await videoState(page)).time;
  await page.keyboard.press(']');
  await expect.poll(at).toBeCloseTo(pointMs / 1000, 1);
  await expect(page.getByRole('status').filter({ hasText: 'Clear task, kids ready 1' })).toHaveCount(1);
  await page.keyboard.press(']');
  await expect.poll(at).toBeCloseTo(range.startMs / 1000, 1);
  await page.keyboard.press(']');
  // Nothing further: said on screen, since the playhead stays where it is.
  await expect(page.locator('.toast').filter({ hasText: 'No note after this moment' })).toBeVisible();
  await page.keyboard.press('[');
  await expect.poll(at).toBeCloseTo(pointMs / 1000, 1);

  // Editing a note can move it to where the video is now.
  await page.getByRole('button', { name: 'Edit note 0:02' }).click();
  await seekTo(page, 1300);
  await page.getByRole('button', { name: 'Start at 0:01' }).click();
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByRole('button', { name: /^Go to 0:01: Clear task, kids ready 1/ })).toBeVisible();
  const moved = (await rpc<Array<{ text: string; startMs: number }>>(page, 'notes.list', { lessonId })).find((n) =>
    n.text.startsWith('Clear task'),
  )!;
  expect(Math.abs(moved.startMs - 1300)).toBeLessThan(150);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByText('Mark the start of a range')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('the keyboard steps frames when paused, jumps with J/L, changes speed with , and ., and plays with Space', async ({ page }) => {
  await openLesson(page);
  await seekTo(page, 5000);
  const start = (await videoState(page)).time;
  // On the timeline's slider, which the click focused, an arrow moves 5 s as in any video player…
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await videoState(page)).time).toBeCloseTo(start + 5, 1);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await videoState(page)).time).toBeCloseTo(start, 1);
  // …and anywhere else in the workspace it steps one frame.
  await page.getByRole('heading', { level: 1, name: TITLE }).focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await videoState(page)).time - start).toBeCloseTo(1 / 30, 2);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await videoState(page)).time).toBeCloseTo(start, 2);
  await page.keyboard.press('l');
  await expect.poll(async () => (await videoState(page)).time).toBeCloseTo(start + 5, 1);
  await page.keyboard.press('j');
  await expect.poll(async () => (await videoState(page)).time).toBeCloseTo(start, 1);

  const rate = () => page.locator('video').evaluate((v: HTMLVideoElement) => v.playbackRate);
  await page.keyboard.press('.');
  await expect.poll(rate).toBe(1.25);
  await page.keyboard.press(',');
  await page.keyboard.press(',');
  await expect.poll(rate).toBe(0.75);
  for (let i = 0; i < 5; i++) await page.keyboard.press(',');
  await expect.poll(rate).toBe(0.5);
  await page.keyboard.press('.');
  await page.keyboard.press('.');
  await expect.poll(rate).toBe(1);

  await page.keyboard.press(' ');
  await expect.poll(async () => (await videoState(page)).paused).toBe(false);
  await page.keyboard.press('k');
  await expect.poll(async () => (await videoState(page)).paused).toBe(true);
});

test('a reply threads under its note, and search finds it and opens the lesson at that moment', async ({ page }) => {
  await page.goto(shell.url);
  const note = await rpc(page, 'notes.add', { lessonId, startMs: 3000, text: 'Why this example?', kind: 'question' });
  await openLesson(page);
  await page.getByRole('button', { name: 'Reply to the note at 0:03' }).click();
  const reply = page.getByRole('textbox', { name: 'Reply text' });
  await expect(reply).toBeFocused();
  await reply.fill('It builds on the manipulatives from last week');
  await reply.press('Enter');
  const thread = page.getByRole('list', { name: 'Replies to the note at 0:03' });
  await expect(thread.locator('.note-text')).toHaveText('It builds on the manipulatives from last week');
  await expect(page.locator(`article[data-note-id="${note.id}"]`).getByText('It builds on the manipulatives')).toBeVisible();

  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search lessons, notes, replies, reflections and clips' }).fill('manipulat');
  const hit = page.getByRole('button', { name: `Open ${TITLE} at 0:03` });
  await expect(hit).toBeVisible();
  // The passage is beside the result's button, in the same list item.
  await expect(page.getByRole('listitem').filter({ has: hit }).locator('mark')).toHaveText('manipulatives');
  await hit.click();
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
  await expect.poll(async () => (await videoState(page)).time).toBeGreaterThanOrEqual(2.9);
  expect((await videoState(page)).time).toBeLessThan(3.2);
  await expect(page.locator(`article[data-note-id="${note.id}"]`)).toHaveAttribute('aria-current', 'true');
});

test('notes exported as WebVTT import back as a cue per note, with its kind and replies, shown in the player', async ({ page }) => {
  await openLesson(page);
  await page.getByRole('button', { name: 'Export notes…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await expect(dialog.getByRole('radio', { name: /Captions \(WebVTT\)/ })).toBeChecked();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const file = await (await download).path();
  const saved = await fs.readFile(file, 'utf8');
  expect(saved.startsWith('WEBVTT')).toBe(true);
  await expect(dialog).toBeHidden();

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import captions' }).click();
  await (await chooser).setFiles({ name: `${TITLE} - notes.vtt`, mimeType: 'text/vtt', buffer: Buffer.from(saved) });
  await expect(page.getByText(`Captions “${TITLE} - notes” added`)).toBeVisible();

  type Listed = {
    id: string;
    kind: 'observation' | 'praise' | 'question' | 'suggestion';
    startMs: number;
    endMs: number | null;
    text: string;
    parentId: string | null;
  };
  const all = await rpc<Listed[]>(page, 'notes.list', { lessonId });
  const notes = all.filter((n) => !n.parentId);
  // The player shows the imported file as a caption track; its cues are what any player would show.
  const element = page.locator('video track');
  await expect(element).toHaveCount(1);
  await expect
    .poll(() => element.evaluate((t: HTMLTrackElement) => (t.track.mode === 'disabled' ? (t.track.mode = 'hidden') : t.readyState)))
    .toBe(2);
  const cues = await element.evaluate((t: HTMLTrackElement) =>
    Array.from(t.track.cues!, (c) => ({
      start: Math.round(c.startTime * 1000),
      end: Math.round(c.endTime * 1000),
      text: (c as VTTCue).text,
    })),
  );
  expect(cues.map((c) => c.start)).toEqual(notes.map((n) => n.startMs));
  const kinds = { observation: 'Observation', praise: 'Praise', question: 'Question', suggestion: 'Suggestion' };
  // Each cue leads with the note's kind; the teacher's words, and each reply's, are isolated from our labels.
  for (const [i, n] of notes.entries()) {
    expect(cues[i]!.text.startsWith(kinds[n.kind])).toBe(true);
    if (n.text) expect(cues[i]!.text).toContain(`\u2068${n.text}\u2069`);
    for (const reply of all.filter((r) => r.parentId === n.id)) expect(cues[i]!.text).toContain(`\u2068${reply.text}\u2069`);
    if (n.endMs !== null) expect(cues[i]!.end).toBe(n.endMs);
  }
  expect(all.some((n) => n.parentId)).toBe(true);
});

test('note text with HTML or script is shown as plain text', async ({ page }) => {
  await page.goto(shell.url);
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>not bold</b>';
  await rpc(page, 'notes.add', { lessonId, startMs: 10_500, text: hostile });
  await openLesson(page);
  const item = page.locator('.notes-list article').filter({ hasText: 'onerror' });
  await item.scrollIntoViewIfNeeded();
  await expect(item.locator('.note-text')).toHaveText(hostile);
  expect(await item.locator('img, script, b').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('Arabic flips the workspace but keeps the timeline left to right', async ({ page }) => {
  await page.goto(shell.url);
  // Enough notes to fill the list and the timeline.
  for (let i = 0; i < 40; i++) {
    await rpc(page, 'notes.add', {
      lessonId,
      startMs: 250 + i * 290,
      endMs: i % 7 === 0 ? 250 + i * 290 + 1500 : null,
      text: `ملاحظة رقم ${i + 1}: الطلاب يشاركون`,
      kind: ['observation', 'praise', 'question', 'suggestion'][i % 4],
    });
  }
  await rpc(page, 'settings.set', { language: 'ar' });
  await openLesson(page);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
  await expect(page.locator('.timeline')).toHaveAttribute('dir', 'ltr');
  await page.screenshot({ path: test.info().outputPath('annotation-ar.png'), fullPage: true });

  // The side panel sits on the left in Arabic; time still runs left to right on the timeline.
  const main = await box(page.locator('.lesson-main'));
  const side = await box(page.locator('.lesson-side'));
  expect(side.x).toBeLessThan(main.x);
  const notes = (await rpc<Array<{ id: string; startMs: number; parentId: string | null }>>(page, 'notes.list', { lessonId })).filter(
    (n) => !n.parentId,
  );
  const timeline = await box(page.getByTestId('timeline-content'));
  const first = await box(page.locator(`.timeline [data-note-id="${notes[0]!.id}"]`));
  const last = await box(page.locator(`.timeline [data-note-id="${notes.at(-1)!.id}"]`));
  expect(first.x).toBeLessThan(last.x);
  expect(Math.abs(first.x - (timeline.x + (notes[0]!.startMs / durationMs) * timeline.width))).toBeLessThan(4);
  const zero = await box(page.locator('.timeline-ruler .tick').first());
  expect(Math.abs(zero.x - timeline.x)).toBeLessThan(2);

  await rpc(page, 'settings.set', { language: 'en' });
  await page.reload();
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('annotation-en.png'), fullPage: true });
});
