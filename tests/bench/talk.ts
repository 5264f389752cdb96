import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { measureTalk } from '../../core/talk/analyse';
import { labelSegments } from '../../core/talk/cluster';
import { FRAME_SAMPLES } from '../../core/talk/features';
import { talkFigures, turnsOf } from '../../core/talk/figures';
import { SileroVad } from '../../core/talk/vad';
import { locateMediaTools } from '../../core/media/tools';
import { makeTalkLesson, scoreTalk } from '../support/talk-lesson';
import { median, writeResult } from './media-cache';

const LESSON_SECONDS = Number(process.env.TALK_BENCH_SECONDS ?? 600);

/** The lesson as 16 kHz mono floats, decoded before the clock starts: the baseline times the model alone. */
async function decode(file: string): Promise<Float32Array> {
  const child = spawn(locateMediaTools().ffmpeg, [
    '-nostdin',
    '-loglevel',
    'error',
    '-i',
    file,
    '-ac',
    '1',
    '-ar',
    '16000',
    '-f',
    'f32le',
    'pipe:1',
  ]);
  const chunks: Buffer[] = [];
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) chunks.push(chunk);
  const all = Buffer.concat(chunks);
  return new Float32Array(all.buffer.slice(all.byteOffset, all.byteOffset + all.length - (all.length % 4)));
}

/** The same Silero model, same thread settings, over the same PCM, with nothing else done. */
async function vadBare(pcm: Float32Array): Promise<number> {
  const vad = await SileroVad.load();
  const started = performance.now();
  for (let at = 0; at + FRAME_SAMPLES <= pcm.length; at += FRAME_SAMPLES) await vad.probability(pcm.subarray(at, at + FRAME_SAMPLES));
  const seconds = (performance.now() - started) / 1000;
  await vad.release();
  return seconds;
}

export async function run(): Promise<Record<string, number>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-talk-'));
  try {
    const truth = await makeTalkLesson(dir, { seconds: LESSON_SECONDS, seed: 10 });
    const pcm = await decode(truth.file);
    const bare: number[] = [];
    const analysis: number[] = [];
    let peakRss = 0;
    let result: ReturnType<typeof scoreTalk> | null = null;
    // Alternating, twice each, so neither side always runs on a warmer or quieter machine.
    for (let round = 0; round < 2; round++) {
      bare.push(await vadBare(pcm));
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
      const started = performance.now();
      const measured = await measureTalk(locateMediaTools(), truth.file, { durationMs: truth.durationMs });
      const labelled = labelSegments(measured.segments);
      const figures = talkFigures(labelled, measured.durationMs);
      analysis.push((performance.now() - started) / 1000);
      clearInterval(sampler);
      result = scoreTalk(truth, labelled, figures, turnsOf(labelled));
    }
    const pauses = [...result!.pauseErrorsMs].sort((a, b) => a - b);
    const figures = {
      lesson_s: Math.round(truth.durationMs / 100) / 10,
      analysis_s: round(median(analysis)),
      vad_bare_s: round(median(bare)),
      ratio: round(median(analysis) / median(bare)),
      talk_error_pts: round(Math.max(result!.teacherErrorPts, result!.studentErrorPts)),
      pause_error_p95_s: round(pauses[Math.min(pauses.length - 1, Math.floor(pauses.length * 0.95))]! / 1000),
      turns_found: result!.turnsFound,
      turns_true: result!.turnsTrue,
      peak_rss_mb: Math.round(peakRss / (1024 * 1024)),
    };
    await writeResult('talk', figures);
    return figures;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
