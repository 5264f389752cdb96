import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../core';
import { newId } from '../../core/app/ids';
import { openDb } from '../../core/db/open';
import { listLessons } from '../../core/library/queries';
import { cachedMedia, median, run, writeResult } from './media-cache';

/**
 * Issue 2: import of a 10-minute 720p H.264 lesson until it is playable in the library, against bare
 * ffprobe + poster ffmpeg with the same arguments; and the first-screen list query on 10,000 lessons.
 */
const ROUNDS = 3;

function lessonFile(): Promise<string> {
  // About 1.5 Mbit/s: what a school laptop or phone camera records for a lesson at 720p.
  return cachedMedia('lesson-10min-720p.mp4', (out) => [
    '-y',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30:duration=600',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000:duration=600',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-b:v',
    '1500k',
    '-pix_fmt',
    'yuv420p',
    '-g',
    '60',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-shortest',
    '-movflags',
    '+faststart',
    out,
  ]);
}

async function ours(file: string): Promise<number> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-bench-import-'));
  const core = await createCore({ dataDir, shell: 'web', version: 'bench' });
  try {
    const t0 = performance.now();
    const { results } = await core.api['lessons.import']({ sources: [{ kind: 'path', path: file }] });
    const first = results[0]!;
    if (!first.ok) throw new Error(`import refused: ${first.error.code}`);
    let lesson = first.lesson;
    while (lesson.status === 'processing') {
      await new Promise<void>((resolve) => {
        const off = core.bus.subscribe((name) => name === 'library.changed' && (off(), resolve()));
      });
      lesson = await core.api['lessons.get']({ id: lesson.id });
    }
    if (lesson.status !== 'ready' || !lesson.playbackAssetId || !lesson.posterAssetId) throw new Error('lesson not playable');
    return (performance.now() - t0) / 1000;
  } finally {
    await core.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function bare(file: string): Promise<number> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-bench-bare-'));
  try {
    const t0 = performance.now();
    await run('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]);
    await run('ffmpeg', [
      '-nostdin',
      '-y',
      '-v',
      'error',
      '-ss',
      '3.000',
      '-i',
      file,
      '-map',
      '0:v:0',
      '-frames:v',
      '1',
      '-vf',
      "scale=w='min(640,iw)':h=-2",
      '-q:v',
      '4',
      '-f',
      'mjpeg',
      path.join(dir, 'poster.jpg'),
    ]);
    return (performance.now() - t0) / 1000;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function libraryList(): Promise<{ medianMs: number; rssMb: number }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-bench-list-'));
  try {
    const db = openDb(path.join(dataDir, 'studio.db'));
    const insert = db.prepare(
      `INSERT INTO lessons (id, title, subject, status, source, duration_ms, width, height, created_at, updated_at)
       VALUES (?, ?, ?, 'ready', 'import', ?, 1280, 720, ?, ?)`,
    );
    const asset = db.prepare(
      `INSERT INTO media_assets (id, lesson_id, kind, rel_path, mime, size_bytes, created_at) VALUES (?, ?, 'poster', ?, 'image/jpeg', 1000, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const id = newId();
        insert.run(
          id,
          `Lesson ${i}: questioning and wait time`,
          ['Maths', 'Science', 'Arabic', 'English'][i % 4],
          300_000 + i,
          1_700_000_000_000 + i * 1000,
          1_700_000_000_000 + i * 1000,
        );
        asset.run(newId(), id, `${id}/poster.jpg`, 1_700_000_000_000);
      }
    })();
    db.close();
    // The figure is for a core holding the library, as the app does.
    const core = await createCore({ dataDir, shell: 'web', version: 'bench' });
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await core.api['lessons.list']({ sort: 'newest', limit: 60, offset: 0 });
      times.push(performance.now() - t0);
    }
    const direct = openDb(path.join(dataDir, 'studio.db'));
    if (listLessons(direct, { sort: 'newest', limit: 60, offset: 0 }).total !== 10_000) throw new Error('library not seeded');
    direct.close();
    const rssMb = process.memoryUsage().rss / 1024 ** 2;
    await core.close();
    return { medianMs: median(times), rssMb };
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function runImportBench(): Promise<Record<string, number>> {
  const file = await lessonFile();
  // Warm the page cache for both sides alike.
  await bare(file);
  const oursTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    bareTimes.push(await bare(file));
    oursTimes.push(await ours(file));
  }
  const list = await libraryList();
  const figures = {
    file_mb: Math.round((await fs.stat(file)).size / 1024 ** 2),
    import_s: median(oursTimes),
    baseline_s: median(bareTimes),
    ratio: median(oursTimes) / median(bareTimes),
    library_list_median_ms: list.medianMs,
    library_rss_mb: list.rssMb,
  };
  await writeResult('import', figures);
  return figures;
}

export { runImportBench as run };
