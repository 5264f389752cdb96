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

/** The mean of |a[i] - b[j]| over a box's pixels, where `j` is `i` shifted left by `shift` pixels. */
function meanAbsolute(width: number, height: number, a: Uint8Array, b: Uint8Array, box: BlurBox, shift: number): number {
  const x0 = Math.round(box.x * width) + shift;
  const x1 = Math.round((box.x + box.w) * width);
  const y0 = Math.round(box.y * height);
  const y1 = Math.round((box.y + box.h) * height);
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      sum += Math.abs(a[y * width + x]! - b[y * width + x - shift]!);
      n++;
    }
  return n ? sum / n : 0;
}

/** Detail inside a box: the mean difference between horizontal neighbours. A blurred face has almost none. */
export function detail(f: GrayFrame, b: BlurBox): number {
  return meanAbsolute(f.width, f.height, f.data, f.data, b, 1);
}

/** Mean absolute difference of two frames inside a box. */
export function difference(a: GrayFrame, b: GrayFrame, box: BlurBox): number {
  return meanAbsolute(a.width, a.height, a.data, b.data, box, 0);
}
