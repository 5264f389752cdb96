import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { createCore, type Core } from '../../core';
import { newId } from '../../core/app/ids';
import type { Db } from '../../core/db/open';
import { openDb } from '../../core/db/open';
import { dispatch } from '../../core/dispatch';
import { matchQuery } from '../../core/search/match';
import { ftsSql } from '../../core/search/search';
import { ensureRendererBuilt } from '../../web/build';
import { startWebShell } from '../../web/server';
import { benchRoot, cachedMedia, median, percentile, writeResult } from './media-cache';

/**
 * Issue 4: search over 10,000 lessons and 200,000 notes through the core's search call, against the
 * same FTS5 query run bare with better-sqlite3; and opening a lesson with 2,000 notes in Chromium
 * through the browser shell until the timeline and the note list have painted.
 */
const LESSONS = 10_000;
const NOTES = 200_000;
const QUERIES = 300;
const OPEN_NOTES = 2_000;
const OPEN_ROUNDS = 7;

/** A small seeded generator, so every run searches the same library. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seedWords = `the a and to of students teacher question answer wait time pause group pair talk board example explain
  think share feedback praise checks understanding misconception fractions denominator numerator photosynthesis
  grammar vocabulary reading writing listening speaking pronunciation experiment hypothesis evidence reasoning
  scaffolding differentiation assessment rubric objective success criteria plenary starter homework worksheet
  manipulatives diagram model hands raised cold call think-pair-share exit ticket behaviour routine transition
  instructions clarity pacing energy voice tone eye contact movement seating lab safety materials textbook slide
  projector whiteboard marker calculator ruler map timeline source poem story character setting plot debate
  argument claim counterclaim summary paraphrase inference prediction estimate measure angle triangle equation`
  .split(/\s+/)
  .filter(Boolean);

/** Real classroom words first, then made-up ones: a vocabulary of 6,000 with a Zipf-like spread of use. */
export function vocabulary(rand: () => number): string[] {
  const words = [...new Set(seedWords)];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  while (words.length < 6000) {
    const len = 4 + Math.floor(rand() * 7);
    words.push(Array.from({ length: len }, () => letters[Math.floor(rand() * 26)]).join(''));
  }
  return words;
}

/** Rank r is drawn with probability ~1/r (Zipf), the way words are used in real text. */
function zipf(rand: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1))) - 1);
}

export function seedLibrary(db: Db, rand: () => number, words: string[]): string[] {
  const text = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(rand() * (max - min)) }, () => words[zipf(rand, words.length)]).join(' ');
  const lessonIds: string[] = [];
  const insertLesson = db.prepare(
    `INSERT INTO lessons (id, title, description, subject, status, source, duration_ms, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'ready', 'import', 900000, ?, ?)`,
  );
  const insertNote = db.prepare(
    `INSERT INTO notes (id, lesson_id, parent_id, kind, start_ms, end_ms, text, author_name, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'Mentor', ?, ?)`,
  );
  const insertReflection = db.prepare(
    `INSERT INTO reflections (lesson_id, went_well, would_change, feedback_wanted, updated_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const kinds = ['observation', 'praise', 'question', 'suggestion'];
  db.transaction(() => {
    for (let i = 0; i < LESSONS; i++) {
      const id = newId();
      lessonIds.push(id);
      insertLesson.run(
        id,
        text(3, 8),
        text(10, 40),
        ['Maths', 'Science', 'Arabic', 'English'][i % 4],
        1_700_000_000_000 + i,
        1_700_000_000_000 + i,
      );
      if (i % 5 === 0) insertReflection.run(id, text(10, 30), text(10, 30), text(5, 20), 1_700_000_000_000 + i);
    }
    let lastTop: { id: string; lessonId: string; startMs: number } | null = null;
    for (let i = 0; i < NOTES; i++) {
      const id = newId();
      // One note in ten is a reply to the note before it.
      const parent: { id: string; lessonId: string; startMs: number } | null = lastTop !== null && rand() < 0.1 ? lastTop : null;
      const lessonId: string = parent ? parent.lessonId : lessonIds[Math.floor(rand() * LESSONS)]!;
      const startMs: number = parent ? parent.startMs : Math.floor(rand() * 900_000);
      insertNote.run(
        id,
        lessonId,
        parent?.id ?? null,
        kinds[i % 4],
        startMs,
        null,
        text(6, 30),
        1_700_000_000_000 + i,
        1_700_000_000_000 + i,
      );
      if (!parent) lastTop = { id, lessonId, startMs };
    }
  })();
  return lessonIds;
}

/** What people type: one or two content words (past the commonest few), sometimes half a word. */
export function makeQueries(rand: () => number, words: string[]): string[] {
  const word = () => words[20 + zipf(rand, words.length - 20)]!;
  return Array.from({ length: QUERIES }, () => {
    const r = rand();
    if (r < 0.6) return word();
    if (r < 0.9) return `${word()} ${word()}`;
    const w = word();
    return w.slice(0, Math.max(3, Math.ceil(w.length * 0.6)));
  });
}

export async function searchFigures(): Promise<{
  search_median_ms: number;
  search_p95_ms: number;
  baseline_median_ms: number;
  baseline_p95_ms: number;
  seed_s: number;
}> {
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'pc-bench-search-'));
  let core: Core | undefined;
  try {
    const rand = random(4);
    const words = vocabulary(rand);
    console.error(`seeding ${LESSONS} lessons and ${NOTES} notes…`);
    const t0 = performance.now();
    const seedDb = openDb(path.join(dataDir, 'studio.db'));
    seedLibrary(seedDb, rand, words);
    seedDb.close();
    const seedS = (performance.now() - t0) / 1000;

    core = await createCore({ dataDir, shell: 'web', version: 'bench' });
    const bare = openDb(path.join(dataDir, 'studio.db'));
    const bareQuery = bare.prepare(ftsSql);
    const queries = makeQueries(rand, words);
    // Both sides run every query once first, so neither pays for a cold page cache.
    for (const q of queries) {
      await dispatch(core.api, 'search.query', { query: q });
      bareQuery.all({ match: matchQuery(q), limit: 30 });
    }
    const ours: number[] = [];
    const baseline: number[] = [];
    for (const q of queries) {
      let t = performance.now();
      await dispatch(core.api, 'search.query', { query: q });
      ours.push(performance.now() - t);
      t = performance.now();
      bareQuery.all({ match: matchQuery(q), limit: 30 });
      baseline.push(performance.now() - t);
    }
    bare.close();
    return {
      search_median_ms: median(ours),
      search_p95_ms: percentile(ours, 95),
      baseline_median_ms: median(baseline),
      baseline_p95_ms: percentile(baseline, 95),
      seed_s: seedS,
    };
  } finally {
    await core?.close();
    await fsp.rm(dataDir, { recursive: true, force: true });
  }
}

/** A 15-minute lesson (small picture: the figure is about the page, not the decoder). */
function fifteenMinuteLesson(): Promise<string> {
  return cachedMedia('lesson-15min-360p.mp4', (out) => [
    '-y',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x360:rate=25:duration=900',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:beep_factor=4:sample_rate=48000:duration=900',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-g',
    '50',
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    '-shortest',
    '-movflags',
    '+faststart',
    out,
  ]);
}

/**
 * Page script that runs `then` in the frame after the timeline's markers and the list's first note
 * appear. A string, because tsx wraps named functions in a helper that pages do not have.
 */
function whenPainted(then: string): string {
  return `(function check() {
    if (document.querySelector('.timeline-notes .marker') && document.querySelector('.notes-list article')) {
      requestAnimationFrame(() => requestAnimationFrame(() => { ${then}; }));
    } else requestAnimationFrame(check);
  })();`;
}

const systemChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));

export async function openLessonFigures(): Promise<{
  open_lesson_ms: number;
  open_lesson_cold_ms: number;
  timeline_markers: number;
  list_items_rendered: number;
}> {
  console.error('opening a lesson with 2,000 notes in Chromium…');
  const video = await fifteenMinuteLesson();
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'pc-bench-open-'));
  const core = await createCore({ dataDir, shell: 'web', version: 'bench' });
  const shell = await startWebShell({ core, rendererDir: ensureRendererBuilt(benchRoot), port: 0 });
  const browser = await chromium.launch({
    ...(systemChromium ? { executablePath: systemChromium } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
  });
  try {
    const { results } = await core.api['lessons.import']({ sources: [{ kind: 'path', path: video }] });
    const first = results[0]!;
    if (!first.ok) throw new Error(`import refused: ${first.error.code}`);
    const lessonId = first.lesson.id;
    // The sharing copy plays no part in opening the lesson; it would only make the bench wait.
    for (const job of core.jobs.list(lessonId)) if (job.kind === 'proxy') core.jobs.cancel(job.id);
    await core.jobs.idle();

    const rand = random(7);
    const words = vocabulary(rand);
    const db = openDb(path.join(dataDir, 'studio.db'));
    const insert = db.prepare(
      `INSERT INTO notes (id, lesson_id, kind, start_ms, end_ms, text, author_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'Mentor', ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < OPEN_NOTES; i++) {
        const start = Math.floor((i / OPEN_NOTES) * 890_000);
        const text = Array.from({ length: 8 + Math.floor(rand() * 20) }, () => words[zipf(rand, words.length)]).join(' ');
        insert.run(
          newId(),
          lessonId,
          ['observation', 'praise', 'question', 'suggestion'][i % 4],
          start,
          i % 10 === 0 ? start + 8000 : null,
          text,
          i,
          i,
        );
      }
    })();
    db.close();

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(shell.url);
    await page
      .getByRole('button', { name: /^Open / })
      .first()
      .waitFor();
    const lessonHash = `#/lesson/${lessonId}`;
    /** From the route change to the frame after the timeline's markers and the list's first note are in the page. */
    const openInApp = () =>
      page.evaluate<number>(`new Promise((resolve) => {
      const t0 = performance.now();
      window.location.hash = ${JSON.stringify(lessonHash)};
      ${whenPainted('resolve(performance.now() - t0)')}
    })`);
    const inApp: number[] = [];
    for (let i = 0; i < OPEN_ROUNDS; i++) {
      await page.evaluate(() => (window.location.hash = '#/library'));
      await page
        .getByRole('button', { name: /^Open / })
        .first()
        .waitFor();
      // Leaving the lesson tears down its video and marks; that is not part of opening the next one.
      await page.evaluate('new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 }))');
      inApp.push(await openInApp());
    }
    const timelineMarkers = await page.locator('.timeline-notes .marker').count();
    const listItems = await page.locator('.notes-list article').count();
    if (timelineMarkers !== OPEN_NOTES) throw new Error(`expected ${OPEN_NOTES} markers, found ${timelineMarkers}`);

    // Cold: a fresh page load straight onto the lesson, from navigation start, watched from the first script.
    const cold: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await fresh.context().addCookies(await page.context().cookies());
      await fresh.addInitScript(whenPainted('window.painted = performance.now()'));
      await fresh.goto(`${new URL(shell.url).origin}/${lessonHash}`);
      // Polled from outside: the page's CSP (no eval) rules out waitForFunction with a string.
      let painted: number | undefined;
      const giveUp = Date.now() + 60_000;
      while ((painted = await fresh.evaluate<number | undefined>('window.painted')) === undefined) {
        if (Date.now() > giveUp) throw new Error(`the lesson never painted: ${(await fresh.locator('body').innerText()).slice(0, 300)}`);
        await fresh.waitForTimeout(20);
      }
      cold.push(painted);
      await fresh.close();
    }
    return {
      open_lesson_ms: median(inApp),
      open_lesson_cold_ms: median(cold),
      timeline_markers: timelineMarkers,
      list_items_rendered: listItems,
    };
  } finally {
    await browser.close();
    await shell.close();
    await core.close();
    await fsp.rm(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, number>> {
  const search = await searchFigures();
  const open = await openLessonFigures();
  const figures = { lessons: LESSONS, notes: NOTES, queries: QUERIES, ...search, open_lesson_notes: OPEN_NOTES, ...open };
  await writeResult('search', figures);
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
