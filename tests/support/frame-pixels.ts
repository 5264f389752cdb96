import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { BlurBox } from '../../common/schemas/blur';
import { locateMediaTools } from '../../core/media/tools';

const run = promisify(execFile);

export interface GrayFrame {
  width: number;
  height: number;
  data: Buffer;
}

/** One frame of a video at a moment, as 8-bit grey at a given size (both videos compared at the same size). */
export async function grayFrameAt(file: string, tMs: number, width: number, height: number): Promise<GrayFrame> {
  const { stdout } = await run(
    locateMediaTools().ffmpeg,
    [
      '-v',
      'error',
      '-ss',
      String(tMs / 1000),
      '-i',
      file,
      '-frames:v',
      '1',
      '-vf',
      `scale=${width}:${height}`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  return { width, height, data: stdout };
}

/** Detail inside a box: the mean difference between horizontal neighbours. A blurred face has almost none. */
export function detail(f: GrayFrame, b: BlurBox): number {
  const x0 = Math.round(b.x * f.width);
  const x1 = Math.round((b.x + b.w) * f.width);
  const y0 = Math.round(b.y * f.height);
  const y1 = Math.round((b.y + b.h) * f.height);
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0 + 1; x < x1; x++) {
      sum += Math.abs(f.data[y * f.width + x]! - f.data[y * f.width + x - 1]!);
      n++;
    }
  return n ? sum / n : 0;
}

/** Mean absolute difference of two frames inside a box. */
export function difference(a: GrayFrame, b: GrayFrame, box: BlurBox): number {
  const x0 = Math.round(box.x * a.width);
  const x1 = Math.round((box.x + box.w) * a.width);
  const y0 = Math.round(box.y * a.height);
  const y1 = Math.round((box.y + box.h) * a.height);
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      sum += Math.abs(a.data[y * a.width + x]! - b.data[y * a.width + x]!);
      n++;
    }
  return n ? sum / n : 0;
}
