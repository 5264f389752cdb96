import { boxAt, padBox } from '../../common/blur-geometry';
import type { BlurBox, BlurRegion } from '../../common/schemas/blur';

/**
 * Mask frames a second; each picture frame takes the latest mask frame at or before it. Each covers
 * its tenth of a second whole: where any kept region is at any
 * moment of it, so a face moving between two detections or a box the teacher starts mid-frame is
 * never uncovered, at the cost of a box a little wider for a few frames. Ten a second rather than
 * one per picture frame: a third of the frames to stream, scale and merge (on 2 cores the piped
 * mask at 30 a second cost about 1 s of CPU a minute of lesson, more than the blur itself).
 */
export const MASK_FPS = 10;
/** Hair, ears and chin around the detected face are blurred too. */
const PAD = 0.15;
/** Mask frames go to ffmpeg a second at a time: fewer, larger writes to its pipe. */
const FRAMES_PER_WRITE = MASK_FPS;

/**
 * Where a region is during [fromMs, toMs]: the box that holds all its places then. Between keys a
 * box moves in a straight line, so its places lie within those at the ends and at the keys between.
 */
export function regionDuring(r: BlurRegion, fromMs: number, toMs: number): BlurBox | null {
  if (r.removed || r.endMs < fromMs || r.startMs > toMs) return null;
  const a = Math.max(fromMs, r.startMs);
  const b = Math.min(toMs, r.endMs);
  let x0 = 1;
  let y0 = 1;
  let x1 = 0;
  let y1 = 0;
  for (const t of [a, b, ...r.keys.filter((k) => k.t > a && k.t < b).map((k) => k.t)]) {
    const box = boxAt(r, t);
    if (!box) continue;
    x0 = Math.min(x0, box.x);
    y0 = Math.min(y0, box.y);
    x1 = Math.max(x1, box.x + box.w);
    y1 = Math.max(y1, box.y + box.h);
  }
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}

/**
 * Mask frames from the start to five seconds past the end (the picture may run a little longer
 * than probed), `mw` × `mh` grey bytes each, white where a kept region is, boxes rounded outwards;
 * several frames to a buffer.
 */
export function* maskFrames(regions: BlurRegion[], durationMs: number, mw: number, mh: number): Generator<Buffer> {
  const count = Math.ceil(((durationMs + 5000) / 1000) * MASK_FPS);
  const step = 1000 / MASK_FPS;
  const byStart = regions.filter((r) => !r.removed).sort((a, b) => a.startMs - b.startMs);
  for (let first = 0; first < count; first += FRAMES_PER_WRITE) {
    const n = Math.min(FRAMES_PER_WRITE, count - first);
    const chunk = Buffer.alloc(n * mw * mh);
    for (let i = 0; i < n; i++) {
      const fromMs = (first + i) * step;
      const frame = chunk.subarray(i * mw * mh, (i + 1) * mw * mh);
      for (const r of byStart) {
        if (r.startMs > fromMs + step) break;
        const box = regionDuring(r, fromMs, fromMs + step);
        if (box) fill(frame, padBox(box, PAD), mw, mh);
      }
    }
    yield chunk;
  }
}

function fill(frame: Buffer, b: BlurBox, mw: number, mh: number): void {
  const x0 = Math.max(0, Math.floor(b.x * mw));
  const y0 = Math.max(0, Math.floor(b.y * mh));
  const x1 = Math.min(mw, Math.ceil((b.x + b.w) * mw));
  const y1 = Math.min(mh, Math.ceil((b.y + b.h) * mh));
  for (let y = y0; y < y1; y++) frame.fill(255, y * mw + x0, y * mw + x1);
}
