import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createCore } from '../../core';
import { posterTimeMs } from '../../core/library/pipeline';
import { makePeaks } from '../../core/media/peaks';
import { makePoster } from '../../core/media/poster';
import { makeProxy } from '../../core/media/proxy';
import { remuxRecording } from '../../core/media/remux';
import { makeSprite } from '../../core/media/sprite';
import { locateMediaTools, type MediaTools } from '../../core/media/tools';
import { makeTestVideo } from '../fixtures/media';
import { makeTalkLesson } from '../support/talk-lesson';
import { cacheDir, median, writeResult } from './media-cache';

/**
 * Issue 3: a 10-minute 1280x720 30 fps VP8/Opus recording written the way MediaRecorder writes one (no
 * cues, no duration). Post-processing (remux, poster, sprite, peaks) and the proxy through our media
 * functions, against the very ffmpeg commands they ran, captured and replayed bare in the same run;
 * and 1-second chunks written through the core while its proxy job runs, and again while the talk
 * analysis of a ten-minute spoken lesson runs (issue 17).
 */
const SECONDS = 600;
const REPEATS = 10;
const ROUNDS = 2;
const LATE_MS = 1000;

/**
 * One minute is encoded and then copied ten times over into one live stream through a pipe: like
 * MediaRecorder's, it has neither cues nor a duration. (Encoding ten minutes of 720p would take far
 * longer than anything measured here.)
 */
async function recordingFile(): Promise<string> {
  await fs.mkdir(cacheDir, { recursive: true });
  const file = path.join(cacheDir, 'recording-10min-720p-vp8.webm');
  if (
    await fs.stat(file).then(
      (s) => s.size > 0,
      () => false,
    )
  )
    return file;
  const tmp = await fs.mkdtemp(path.join(cacheDir, 'making-'));
  try {
    const minute = await makeTestVideo(tmp, {
      name: 'minute.webm',
      seconds: SECONDS / REPEATS,
      width: 1280,
      height: 720,
      fps: 30,
      container: 'webm',
    });
    const list = path.join(tmp, 'list.txt');
    await fs.writeFile(list, Array.from({ length: REPEATS }, () => `file '${minute}'\n`).join(''));
    const out = await fs.open(path.join(tmp, 'recording.webm'), 'w');
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(
          locateMediaTools().ffmpeg,
          ['-v', 'error', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-f', 'webm', '-live', '1', 'pipe:1'],
          { stdio: ['ignore', out.fd, 'inherit'] },
        );
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg concat exited ${code}`))));
      });
    } finally {
      await out.close();
    }
    await fs.rename(path.join(tmp, 'recording.webm'), file);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  return file;
}

/** An ffmpeg stand-in that writes down each argument list, NUL-separated, then runs the real one. */
async function recordingShim(dir: string, tools: MediaTools): Promise<{ tools: MediaTools; commands(): Promise<string[][]> }> {
  const log = path.join(dir, 'commands');
  await fs.mkdir(log);
  const shim = path.join(dir, 'ffmpeg-shim.sh');
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  await fs.writeFile(shim, `#!/bin/sh\nprintf '%s\\0' "$@" > ${quote(log)}/$(date +%s%N)\nexec ${quote(tools.ffmpeg)} "$@"\n`, {
    mode: 0o755,
  });
  return {
    tools: { ...tools, ffmpeg: shim },
    async commands() {
      const names = (await fs.readdir(log)).sort();
      return Promise.all(names.map(async (n) => (await fs.readFile(path.join(log, n), 'utf8')).split('\0').slice(0, -1)));
    },
  };
}

function bare(ffmpeg: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${stderr}`))));
  });
}

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/**
 * CPU seconds used so far by this process and by the children it has waited for (ffmpeg, ffprobe),
 * from /proc/self/stat; null where there is no /proc. Unlike wall time, this does not grow when other
 * programs compete for the cores.
 */
async function cpuSeconds(): Promise<number | null> {
  const stat = await fs.readFile('/proc/self/stat', 'utf8').catch(() => null);
  if (!stat) return null;
  // After "pid (name) " come state, ppid...: utime, stime, cutime and cstime are the 12th to 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / clockTicks;
}

interface Timing {
  wall: number;
  cpu: number | null;
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpu0 = await cpuSeconds();
  const t0 = performance.now();
  await work();
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = await cpuSeconds();
  return { wall, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

/** What the job queue does after a recording stops, minus the proxy: remux, then poster, sprite and peaks. */
async function postprocess(tools: MediaTools, part: string, dir: string): Promise<number> {
  const original = path.join(dir, 'original.webm');
  const probe = await remuxRecording(tools, part, original);
  const durationMs = probe.durationMs;
  await makePoster(tools, original, path.join(dir, 'poster.jpg'), { atMs: posterTimeMs(durationMs) });
  await makeSprite(tools, original, path.join(dir, 'sprite.jpg'), path.join(dir, 'sprite.json'), { durationMs });
  await makePeaks(tools, original, path.join(dir, 'peaks.json'), { durationMs });
  return durationMs;
}

/**
 * Chunks of about a second of the recording, fed to the core one a second while a job of `kind` runs
 * on the lesson imported from `lessonFile`: the proxy of the recording itself, or (issue 17) the talk
 * analysis of a spoken lesson, which must not hold up recording either.
 */
export async function chunksWhileJob(
  source: string,
  kind: 'proxy' | 'talk',
  lessonFile = source,
): Promise<{ chunks: number; late: number; maxMs: number; p50Ms: number }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-bench-chunks-'));
  const core = await createCore({ dataDir, shell: 'web', version: 'bench' });
  try {
    const bytes = await fs.readFile(source);
    const chunkBytes = Math.ceil(bytes.length / SECONDS);
    let status = 'queued';
    const proxyStatus = (want: (s: string) => boolean) =>
      new Promise<void>((resolve) => {
        const off = core.bus.subscribe((name, payload) => {
          const job = payload as { kind: string; status: string };
          if (name !== 'jobs.progress' || job.kind !== kind) return;
          status = job.status;
          if (!want(status)) return;
          off();
          resolve();
        });
      });
    const started = proxyStatus((s) => s !== 'queued');
    const settled = proxyStatus((s) => s === 'done' || s === 'failed' || s === 'cancelled');
    const { results } = await core.api['lessons.import']({ sources: [{ kind: 'path', path: lessonFile }] });
    if (!results[0]?.ok) throw new Error('import refused');
    await started;

    const { id } = await core.api['recording.start']({
      mode: 'camera',
      deviceLabel: 'bench',
      resolution: '720p',
      mime: 'video/webm;codecs=vp8,opus',
      width: 1280,
      height: 720,
    });
    let finished = false;
    void settled.then(() => (finished = true));
    const delays: number[] = [];
    const t0 = performance.now();
    for (let seq = 0; !finished; seq++) {
      const due = t0 + seq * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const offset = (seq % SECONDS) * chunkBytes;
      await core.api['recording.chunk']({ id, seq, data: bytes.subarray(offset, offset + chunkBytes) });
      // Late is measured from when the chunk was due, so a write that holds up the next one counts too.
      delays.push(performance.now() - due);
    }
    await settled;
    if (status !== 'done') throw new Error(`${kind} job ${status}`);
    await core.api['recording.discard']({ id });
    return { chunks: delays.length, late: delays.filter((d) => d > LATE_MS).length, maxMs: Math.max(...delays), p50Ms: median(delays) };
  } finally {
    await core.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, number>> {
  const tools = locateMediaTools();
  const part = await recordingFile();
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-bench-recording-'));
  try {
    // One pass through the shim learns the exact ffmpeg commands our functions run (and warms the cache).
    const shim = await recordingShim(work, tools);
    const durationMs = await postprocess(shim.tools, part, work);
    const postCommands = await shim.commands();
    await makeProxy(shim.tools, path.join(work, 'original.webm'), path.join(work, 'proxy.mp4'), { preset: 'standard', durationMs });
    const proxyCommand = (await shim.commands()).slice(postCommands.length);
    if (proxyCommand.length !== 1) throw new Error(`expected one proxy command, saw ${proxyCommand.length}`);

    const ours: Timing[] = [];
    const baseline: Timing[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      ours.push(await timed(() => postprocess(tools, part, work)));
      baseline.push(
        await timed(async () => {
          for (const args of postCommands) await bare(tools.ffmpeg, args);
        }),
      );
    }
    const proxy = await timed(() =>
      makeProxy(tools, path.join(work, 'original.webm'), path.join(work, 'proxy.mp4'), { preset: 'standard', durationMs }),
    );
    const proxyBare = await timed(() => bare(tools.ffmpeg, proxyCommand[0]!));
    const chunks = await chunksWhileJob(path.join(work, 'original.webm'), 'proxy');
    // The same chunks while a ten-minute lesson's talk analysis runs (issue 17: it never blocks recording).
    const talkLesson = await makeTalkLesson(work, { name: 'talk-10min.wav', seconds: SECONDS });
    const talkChunks = await chunksWhileJob(path.join(work, 'original.webm'), 'talk', talkLesson.file);

    const lessonS = durationMs / 1000;
    const cores = os.availableParallelism();
    const wall = (runs: Timing[]) => median(runs.map((r) => r.wall));
    const cpu = (runs: Timing[]) => (runs.every((r) => r.cpu !== null) ? median(runs.map((r) => r.cpu!)) : NaN);
    const figures: Record<string, number> = {
      lesson_s: lessonS,
      cores,
      // This machine may be shared: the load says how much of it the run really had.
      load_avg_1m: Math.round(os.loadavg()[0]! * 100) / 100,
      postprocess_s: wall(ours),
      postprocess_bare_s: wall(baseline),
      postprocess_ratio: wall(ours) / wall(baseline),
      postprocess_cpu_s: cpu(ours),
      postprocess_bare_cpu_s: cpu(baseline),
      postprocess_cpu_ratio: cpu(ours) / cpu(baseline),
      proxy_s: proxy.wall,
      proxy_bare_s: proxyBare.wall,
      proxy_realtime_factor: lessonS / proxy.wall,
      proxy_bare_realtime_factor: lessonS / proxyBare.wall,
      proxy_ratio: proxy.wall / proxyBare.wall,
      proxy_cpu_s: cpu([proxy]),
      proxy_bare_cpu_s: cpu([proxyBare]),
      proxy_cpu_ratio: cpu([proxy]) / cpu([proxyBare]),
      // The factor the proxy would reach with every core to itself: an upper bound, since the encode
      // does not spread perfectly over the cores; worth having where the machine is shared.
      proxy_realtime_factor_free_cores: lessonS / (cpu([proxy]) / cores),
      chunks_written: chunks.chunks,
      chunks_late: chunks.late,
      chunk_delay_p50_ms: chunks.p50Ms,
      chunk_delay_max_ms: chunks.maxMs,
      chunks_written_while_talk: talkChunks.chunks,
      chunks_late_while_talk: talkChunks.late,
      chunk_delay_p50_ms_while_talk: talkChunks.p50Ms,
      chunk_delay_max_ms_while_talk: talkChunks.maxMs,
    };
    await writeResult('recording', figures);
    return figures;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await run(), null, 2));
