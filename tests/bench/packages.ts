import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../../core';
import { openDb } from '../../core/db/open';
import { addLessonWithProxy } from '../support/library-rows';
import { cachedMedia, median, writeResult } from './media-cache';
import { evict, settleMachine } from './settle';

/**
 * Issue 7: exporting a collection of 20 lessons with their proxies (about 1 GB) to a .pcircle package,
 * and importing it into a fresh studio, each against `cp` of the same files in the same run.
 */
const LESSONS = 20;
/**
 * Rounds of each kind. This machine's speed swings by half from one second to the next (memory the
 * host takes back and hands out again), so each ratio is the median of the rounds' own ratios: each
 * step against the cp run just before it, on the machine as it was then.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** About 50 MB each: what a 10-minute lesson's sharing copy weighs. Lossless x264 is the fastest way to get there. */
function proxyFile(i: number): Promise<string> {
  const seconds = 48 + i * 0.25;
  return cachedMedia(`packages-proxy-${String(i).padStart(2, '0')}.mp4`, (out) => [
    '-y',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=854x480:rate=30:duration=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${300 + i * 20}:sample_rate=48000:duration=${seconds}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-qp',
    '0',
    '-pix_fmt',
    'yuv420p',
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

/** `cp -r` of each lesson's folder: the same bytes the package carries, under names that do not collide. */
function cp(folders: string[], dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('cp', ['-r', ...folders, dir], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cp exited ${code}`))));
  });
}

/** Seconds `step` takes, started from a settled machine (see settle.ts) with `sources` read from the disk when cold. */
async function timed(step: () => Promise<void>, base: string, bytes: number, sources: string[], cold: boolean): Promise<number> {
  await settleMachine(base, bytes);
  if (cold) for (const file of sources) await evict(file);
  const t0 = performance.now();
  await step();
  return (performance.now() - t0) / 1000;
}

/** A studio whose library already holds the lessons (set up directly: the media pipeline is not what is measured). */
async function libraryWith(files: string[], base: string): Promise<{ core: Core; lessonIds: string[]; dataDir: string }> {
  const dataDir = await fs.mkdtemp(path.join(base, 'studio-'));
  const db = openDb(path.join(dataDir, 'studio.db'));
  const lessonIds: string[] = [];
  for (const [i, file] of files.entries()) {
    // With its checksums, as the media pipeline remembers them when it makes a sharing copy.
    const { lessonId } = await addLessonWithProxy(
      db,
      dataDir,
      { copyOf: file },
      { title: `Lesson ${i + 1}`, durationMs: 48_000, sums: true },
    );
    lessonIds.push(lessonId);
  }
  db.close();
  const core = await createCore({ dataDir, shell: 'web', version: 'bench' });
  return { core, lessonIds, dataDir };
}

async function jobDone(core: Core, jobId: string): Promise<void> {
  await core.jobs.idle();
  const job = core.jobs.get(jobId);
  if (job.status !== 'done') throw new Error(`${job.kind} ${job.status}: ${job.errorCode}`);
}

export async function run(): Promise<Record<string, number>> {
  const files: string[] = [];
  for (let i = 0; i < LESSONS; i++) files.push(await proxyFile(i));
  const totalBytes = (await Promise.all(files.map((f) => fs.stat(f)))).reduce((sum, s) => sum + s.size, 0);
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-bench-packages-'));
  const { core, lessonIds, dataDir } = await libraryWith(files, base);
  try {
    const call = core.api;
    const collection = await call['collections.create']({
      title: 'Bench collection',
      language: 'en',
      descriptions: [],
      tags: [],
      licence: 'cc_by',
    });
    for (const lessonId of lessonIds)
      await call['collections.addItem']({
        collectionId: collection.id,
        lessonId,
        startMs: null,
        endMs: null,
        title: '',
        note: 'Why it matters',
      });
    const lessonFolders = lessonIds.map((id) => path.join(dataDir, 'media', id));

    const lessonFiles = lessonIds.map((id) => path.join(dataDir, 'media', id, 'proxy.mp4'));
    // Each timed step writes the gigabyte once, plus what it allocates on the way.
    const settleBytes = Math.round(totalBytes * 1.5);

    /**
     * One round: `cp` of the lessons' files, the export, and the import of what was exported. Warm, every
     * file read is already in memory (here the CPU decides: a copy in user space, with each byte's CRC-32
     * on import, against cp's copy in the kernel); cold, what each step reads comes from the disk, as a
     * package on a USB stick does.
     */
    const round = async (cold: boolean) => {
      const cpDir = await fs.mkdtemp(path.join(base, 'cp-'));
      const cpS = await timed(() => cp(lessonFolders, cpDir), base, settleBytes, lessonFiles, cold);
      await fs.rm(cpDir, { recursive: true, force: true });

      const folder = await fs.mkdtemp(path.join(base, 'out-'));
      let packagePath = '';
      const exportS = await timed(
        async () => {
          const started = await call['packages.export']({
            target: { kind: 'collection', id: collection.id },
            format: 'pcircle',
            media: 'proxy',
            includePrivateNotes: false,
            folder,
          });
          packagePath = started.path;
          await jobDone(core, started.job.id);
        },
        base,
        settleBytes,
        lessonFiles,
        cold,
      );

      const school = (await libraryWith([], base)).core;
      const importS = await timed(
        async () => {
          const imported = await school.api['packages.import']({ source: { kind: 'path', path: packagePath } });
          await jobDone(school, imported.id);
        },
        base,
        settleBytes,
        [packagePath],
        cold,
      );
      await school.close();
      await fs.rm(folder, { recursive: true, force: true });
      return { cpS, exportS, importS };
    };

    const warm: Array<Awaited<ReturnType<typeof round>>> = [];
    const cold: typeof warm = [];
    // Alternated, so neither kind always runs on a machine in the same state.
    for (let i = 0; i < ROUNDS; i++) {
      warm.push(await round(false));
      cold.push(await round(true));
    }
    const mid = (rounds: typeof warm, key: keyof (typeof warm)[number]) => median(rounds.map((r) => r[key]));
    const ratio = (rounds: typeof warm, key: 'exportS' | 'importS') => median(rounds.map((r) => r[key] / r.cpS));
    const figures = {
      lessons: LESSONS,
      total_mb: Math.round(totalBytes / 1e6),
      export_s: mid(warm, 'exportS'),
      import_s: mid(warm, 'importS'),
      cp_s: mid(warm, 'cpS'),
      export_ratio: ratio(warm, 'exportS'),
      import_ratio: ratio(warm, 'importS'),
      cold_export_s: mid(cold, 'exportS'),
      cold_import_s: mid(cold, 'importS'),
      cold_cp_s: mid(cold, 'cpS'),
      cold_export_ratio: ratio(cold, 'exportS'),
      cold_import_ratio: ratio(cold, 'importS'),
      rounds: ROUNDS,
    };
    await writeResult('packages', figures);
    return figures;
  } finally {
    await core.close();
    await fs.rm(base, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await run(), null, 2));
