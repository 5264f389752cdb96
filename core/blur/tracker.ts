import { iou } from '../../common/blur-geometry';
import type { BlurBox, BlurKey } from '../../common/schemas/blur';

export interface Detection extends BlurBox {
  score: number;
}

export interface Track {
  startMs: number;
  endMs: number;
  keys: BlurKey[];
}

interface OpenTrack {
  keys: BlurKey[];
  missed: number;
}

/**
 * Links the faces found on sampled frames into tracks: each detection joins the open track whose
 * last box it overlaps most (IoU, or centres close for a face that moved fast between samples).
 * A track survives `maxMissed` samples without a match (a turned head, a hand before the face), so
 * the blur holds through what the detector missed. Between samples the box moves linearly; each end
 * is widened by one sample interval, as the face may have been there since just after the last look.
 */
export class FaceTracker {
  private open: OpenTrack[] = [];
  private readonly closed: OpenTrack[] = [];

  constructor(
    private readonly intervalMs: number,
    private readonly maxMissed = 2,
  ) {}

  add(tMs: number, detections: Detection[]): void {
    const unmatched = new Set(this.open);
    const ranked = [...detections].sort((a, b) => b.score - a.score);
    for (const d of ranked) {
      let best: OpenTrack | undefined;
      let bestScore = 0;
      for (const t of unmatched) {
        const s = affinity(t.keys[t.keys.length - 1]!, d);
        if (s > bestScore) [best, bestScore] = [t, s];
      }
      const key = { t: Math.round(tMs), x: d.x, y: d.y, w: d.w, h: d.h };
      if (best) {
        unmatched.delete(best);
        best.keys.push(key);
        best.missed = 0;
      } else this.open.push({ keys: [key], missed: 0 });
    }
    for (const t of unmatched) t.missed++;
    const [keep, done] = partition(this.open, (t) => t.missed <= this.maxMissed);
    this.open = keep;
    this.closed.push(...done);
  }

  finish(durationMs: number): Track[] {
    return [...this.closed, ...this.open]
      .map((t) => ({
        startMs: Math.max(0, t.keys[0]!.t - this.intervalMs),
        endMs: Math.min(durationMs, t.keys[t.keys.length - 1]!.t + this.intervalMs),
        keys: t.keys,
      }))
      .sort((a, b) => a.startMs - b.startMs);
  }
}

/** How well a detection continues a track: overlap, or failing that nearness of centres in face widths. */
function affinity(last: BlurBox, d: BlurBox): number {
  const o = iou(last, d);
  if (o > 0.2) return 1 + o;
  const dx = last.x + last.w / 2 - (d.x + d.w / 2);
  const dy = last.y + last.h / 2 - (d.y + d.h / 2);
  const size = Math.max(last.w, last.h, d.w, d.h);
  const dist = Math.hypot(dx, dy) / size;
  return dist < 1 ? 1 - dist : 0;
}

function partition<T>(xs: T[], keep: (x: T) => boolean): [T[], T[]] {
  const a: T[] = [];
  const b: T[] = [];
  for (const x of xs) (keep(x) ? a : b).push(x);
  return [a, b];
}
