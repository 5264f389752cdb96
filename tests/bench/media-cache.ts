import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

export const benchRoot = path.resolve(import.meta.dirname, '../..');
export const cacheDir = path.join(benchRoot, 'bench', '.cache');
export const resultsDir = path.join(benchRoot, 'bench', 'results');

export function run(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${bin} exited ${code}: ${stderr}`))));
  });
}

/** Generated once per machine and kept in bench/.cache: benchmarks measure our work, not fixture making. */
export async function cachedMedia(name: string, ffmpegArgs: (out: string) => string[]): Promise<string> {
  await fs.mkdir(cacheDir, { recursive: true });
  const out = path.join(cacheDir, name);
  if (
    await fs.stat(out).then(
      (s) => s.size > 0,
      () => false,
    )
  )
    return out;
  const tmp = `${out}.tmp${path.extname(out)}`;
  await run('ffmpeg', ffmpegArgs(tmp));
  await fs.rename(tmp, out);
  return out;
}

/** A 10-minute 1280x720 30 fps H.264/AAC lesson, like a teacher's camera file. */
export function tenMinuteH264(): Promise<string> {
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

export async function writeResult(name: string, figures: Record<string, unknown>): Promise<string> {
  await fs.mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.json`);
  await fs.writeFile(file, `${JSON.stringify({ benchmark: name, measuredAt: new Date().toISOString(), ...figures }, null, 2)}\n`);
  return file;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
