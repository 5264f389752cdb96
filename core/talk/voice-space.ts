import { median, type SegmentFeatures } from './segments';

/**
 * The space the clustering works in: each segment a point of (loudness, pitch, brightness), each
 * feature over its spread in this lesson and times its weight, and a small weighted k-means in it.
 */

/** Loudness counts twice: distance to the microphone is the strongest cue in a classroom. */
const WEIGHTS = { loudness: 2, pitch: 1, brightness: 0.5 };

export type Point = [number, number, number];

export function semitones(hz: number): number {
  return 12 * Math.log2(hz / 100);
}

/** Points in comparable units: each feature over its spread in this lesson, times its weight. */
export function points(segments: SegmentFeatures[]): Point[] {
  const fallbackPitch = median(segments.filter((s) => s.pitchHz > 0).map((s) => s.pitchHz)) || 150;
  const raw = segments.map((s) => [s.loudnessDb, semitones(s.pitchHz || fallbackPitch), s.centroidHz / 100]);
  const scale = [WEIGHTS.loudness, WEIGHTS.pitch, WEIGHTS.brightness].map((w, k) => {
    const values = raw.map((r) => r[k]!);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    return w / (sd > 1e-6 ? sd : 1);
  });
  return raw.map((r) => r.map((v, k) => v * scale[k]!) as Point);
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

export function centroid(items: { point: Point; weight: number }[]): Point | null {
  const total = items.reduce((a, i) => a + i.weight, 0);
  if (total <= 0) return null;
  const c: Point = [0, 0, 0];
  for (const { point, weight } of items) {
    c[0] += (point[0] * weight) / total;
    c[1] += (point[1] * weight) / total;
    c[2] += (point[2] * weight) / total;
  }
  return c;
}

export function durationWeighted(segments: SegmentFeatures[], pick: (s: SegmentFeatures) => number): number {
  const total = segments.reduce((a, s) => a + (s.endMs - s.startMs), 0);
  return total > 0 ? segments.reduce((a, s) => a + pick(s) * (s.endMs - s.startMs), 0) / total : 0;
}

/** A group's voice in plain units: its duration-weighted loudness (dB) and pitch (semitones over 100 Hz). */
export function voiceOf(group: SegmentFeatures[]): { loudnessDb: number; pitchSt: number } {
  return {
    loudnessDb: durationWeighted(group, (s) => s.loudnessDb),
    pitchSt: durationWeighted(
      group.filter((s) => s.pitchHz > 0),
      (s) => semitones(s.pitchHz),
    ),
  };
}

/**
 * Weighted k-means (weights: each segment's length) from the given starting points; answers each
 * point's group. Deterministic: the same lesson always gives the same groups.
 */
export function kMeans(pts: Point[], weight: number[], seeds: number[]): number[] {
  let centres = seeds.map((i) => pts[i]!);
  let member = pts.map(() => -1);
  for (let round = 0; round < 50; round++) {
    const next = pts.map((p) => centres.reduce((best, c, g) => (distance(p, c) < distance(p, centres[best]!) ? g : best), 0));
    const changed = next.some((m, k) => m !== member[k]);
    member = next;
    if (!changed) break;
    centres = centres.map((c, g) => centroid(pts.map((point, k) => ({ point, weight: member[k] === g ? weight[k]! : 0 }))) ?? c);
  }
  return member;
}

/** The point farthest from all the chosen ones (its nearest chosen one farthest away): the next seed. */
export function farthestFrom(pts: Point[], chosen: number[]): number {
  let best = 0;
  let bestDistance = -1;
  pts.forEach((p, i) => {
    const d = Math.min(...chosen.map((c) => distance(p, pts[c]!)));
    if (d > bestDistance) [best, bestDistance] = [i, d];
  });
  return best;
}
