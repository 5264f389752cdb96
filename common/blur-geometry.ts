import type { BlurBox, BlurKey, BlurRegion } from './schemas/blur';

/**
 * Where a region is at a moment, shared by the player's overlay and the render so what the teacher
 * reviews is what is blurred: between two keys the box moves in a straight line; before the first
 * and after the last it holds; outside [startMs, endMs] there is none.
 */
export function boxAt(region: Pick<BlurRegion, 'startMs' | 'endMs' | 'keys'>, tMs: number): BlurBox | null {
  if (tMs < region.startMs || tMs > region.endMs || region.keys.length === 0) return null;
  const keys = region.keys;
  const first = keys[0]!;
  if (tMs <= first.t) return strip(first);
  for (let i = 1; i < keys.length; i++) {
    const b = keys[i]!;
    if (tMs <= b.t) {
      const a = keys[i - 1]!;
      const f = b.t === a.t ? 1 : (tMs - a.t) / (b.t - a.t);
      return { x: lerp(a.x, b.x, f), y: lerp(a.y, b.y, f), w: lerp(a.w, b.w, f), h: lerp(a.h, b.h, f) };
    }
  }
  return strip(keys[keys.length - 1]!);
}

/** The boxes blurred at a moment: every region the teacher kept. */
export function activeBoxes(regions: BlurRegion[], tMs: number): BlurBox[] {
  const out: BlurBox[] = [];
  for (const r of regions) {
    if (r.removed) continue;
    const b = boxAt(r, tMs);
    if (b) out.push(b);
  }
  return out;
}

/** A box grown by a fraction of its size on each side, kept inside the picture: hair and chin are blurred too. */
export function padBox(b: BlurBox, fraction: number): BlurBox {
  const x0 = Math.max(0, b.x - b.w * fraction);
  const y0 = Math.max(0, b.y - b.h * fraction);
  const x1 = Math.min(1, b.x + b.w * (1 + fraction));
  const y1 = Math.min(1, b.y + b.h * (1 + fraction));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

export function iou(a: BlurBox, b: BlurBox): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

const lerp = (a: number, b: number, f: number) => a + (b - a) * f;
const strip = (k: BlurKey): BlurBox => ({ x: k.x, y: k.y, w: k.w, h: k.h });
