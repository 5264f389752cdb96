import type { BlurBox } from '../../common/schemas/blur';

/** One grey frame, a byte a pixel, row by row. */
export interface GreyFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface FollowStep {
  box: BlurBox;
  /** Normalised cross-correlation of the best match, -1..1: how much the patch found looks like the face. */
  score: number;
}

/** Below this the patch found is not the face any more (it turned away, left, or was covered). */
export const LOST_BELOW = 0.5;
/** Above this the match is sure enough to let the face's look drift into the template. */
const LEARN_ABOVE = 0.8;
const LEARN_RATE = 0.1;

/**
 * Follows one patch of the picture from frame to frame by normalised cross-correlation: the patch the
 * teacher boxed on the first frame is looked for near where it was last, first on a coarse grid, then
 * pixel by pixel around the best. The box keeps its size (a face in a classroom changes size little
 * between two looks); the template slowly takes on the face's look as it turns. Pure: frames in,
 * boxes out, so it can be tested on any pictures.
 */
export class TemplateTracker {
  private template: Float32Array;
  private readonly tw: number;
  private readonly th: number;
  private x: number;
  private y: number;
  private readonly radius: number;

  /** `radius`: how far (in pixels of the frames) the face may move between two frames; by default 0.6 of its size. */
  constructor(first: GreyFrame, box: BlurBox, radius?: number) {
    this.tw = Math.max(4, Math.round(box.w * first.width));
    this.th = Math.max(4, Math.round(box.h * first.height));
    this.x = clamp(Math.round(box.x * first.width), 0, first.width - this.tw);
    this.y = clamp(Math.round(box.y * first.height), 0, first.height - this.th);
    this.template = normalised(patch(first, this.x, this.y, this.tw, this.th));
    this.radius = radius ?? Math.max(4, Math.round(Math.max(this.tw, this.th) * 0.6));
  }

  /** Where the patch is on the next frame; the caller decides from `score` whether it was lost. */
  next(frame: GreyFrame): FollowStep {
    const maxX = frame.width - this.tw;
    const maxY = frame.height - this.th;
    let best = { x: this.x, y: this.y, score: -2 };
    const tryAt = (x: number, y: number) => {
      if (x < 0 || y < 0 || x > maxX || y > maxY) return;
      const s = this.scoreAt(frame, x, y);
      if (s > best.score) best = { x, y, score: s };
    };
    for (let dy = -this.radius; dy <= this.radius; dy += 2)
      for (let dx = -this.radius; dx <= this.radius; dx += 2) tryAt(this.x + dx, this.y + dy);
    const coarse = best;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (dx || dy) tryAt(coarse.x + dx, coarse.y + dy);
    if (best.score >= LOST_BELOW) {
      this.x = best.x;
      this.y = best.y;
      if (best.score >= LEARN_ABOVE) this.learn(frame);
    }
    return {
      box: { x: best.x / frame.width, y: best.y / frame.height, w: this.tw / frame.width, h: this.th / frame.height },
      score: best.score,
    };
  }

  private scoreAt(frame: GreyFrame, x0: number, y0: number): number {
    const { tw, th, template } = this;
    let sum = 0;
    let sumSq = 0;
    let dot = 0;
    for (let y = 0; y < th; y++) {
      const row = (y0 + y) * frame.width + x0;
      const trow = y * tw;
      for (let x = 0; x < tw; x++) {
        const v = frame.data[row + x]!;
        sum += v;
        sumSq += v * v;
        dot += v * template[trow + x]!;
      }
    }
    const n = tw * th;
    const variance = sumSq - (sum * sum) / n;
    // The template has zero mean, so the patch's mean drops out of the dot product.
    return variance > 1e-6 ? dot / Math.sqrt(variance) : 0;
  }

  private learn(frame: GreyFrame): void {
    const now = normalised(patch(frame, this.x, this.y, this.tw, this.th));
    const mixed = new Float32Array(now.length);
    for (let i = 0; i < now.length; i++) mixed[i] = this.template[i]! * (1 - LEARN_RATE) + now[i]! * LEARN_RATE;
    this.template = normalised(mixed);
  }
}

function patch(frame: GreyFrame, x0: number, y0: number, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = frame.data[(y0 + y) * frame.width + x0 + x]!;
  return out;
}

/** Zero mean, unit length: the dot product with a patch is then its correlation, up to the patch's own spread. */
function normalised(values: Float32Array): Float32Array {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let norm = 0;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i]! - mean;
    norm += out[i]! * out[i]!;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
