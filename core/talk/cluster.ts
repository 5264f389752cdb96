import type { TalkLabel } from '../../common/schemas/talk';
import { median, type SegmentFeatures } from './segments';

/**
 * Who speaks, without a transcript. The teacher is the voice nearest the microphone: louder, and
 * brighter (the room takes the highs of a voice across it). Students are farther and usually higher.
 * Each segment becomes a point of (loudness, pitch, brightness); two groups are found by k-means,
 * starting from the loudest and the quietest segment; the louder group is the teacher. When the two
 * groups barely differ (one voice all lesson), everything is the teacher's. A held, steady pitch
 * (a note, a chord, a beep) is not a voice: "other".
 */

/** Loudness counts twice: distance to the microphone is the strongest cue in a classroom. */
const WEIGHTS = { loudness: 2, pitch: 1, brightness: 0.5 };
/** Two groups this close in loudness and pitch are one voice. */
const SAME_VOICE_DB = 4;
const SAME_VOICE_ST = 3;
/** Speech glides by more than this (semitones) within a segment; music holds its notes. */
const STEADY_PITCH_ST = 0.6;

export interface LabelledSegment extends SegmentFeatures {
  label: TalkLabel;
  corrected: boolean;
}

export interface CorrectionBand {
  startMs: number;
  endMs: number;
  label: TalkLabel;
}

type Point = [number, number, number];

function semitones(hz: number): number {
  return 12 * Math.log2(hz / 100);
}

/** Points in comparable units: each feature over its spread in this lesson, times its weight. */
function points(segments: SegmentFeatures[]): Point[] {
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

function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

function centroid(items: { point: Point; weight: number }[]): Point | null {
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

function durationWeighted(segments: SegmentFeatures[], pick: (s: SegmentFeatures) => number): number {
  const total = segments.reduce((a, s) => a + (s.endMs - s.startMs), 0);
  return total > 0 ? segments.reduce((a, s) => a + pick(s) * (s.endMs - s.startMs), 0) / total : 0;
}

export function isSteadyTone(s: SegmentFeatures): boolean {
  return s.voicedFraction >= 0.7 && s.pitchSpreadSt < STEADY_PITCH_ST && s.endMs - s.startMs >= 1000;
}

/** The analysis's own labels: steady tones are "other", the voices split into teacher and students. */
export function clusterVoices(segments: SegmentFeatures[]): TalkLabel[] {
  const labels: TalkLabel[] = segments.map((s) => (isSteadyTone(s) ? 'other' : 'teacher'));
  const voiced = segments.map((s, i) => ({ s, i })).filter(({ i }) => labels[i] !== 'other');
  if (voiced.length < 2) return labels;
  const pts = points(voiced.map((v) => v.s));
  const weight = voiced.map((v) => v.s.endMs - v.s.startMs);
  const loudest = voiced.reduce((best, v, k) => (v.s.loudnessDb > voiced[best]!.s.loudnessDb ? k : best), 0);
  const quietest = voiced.reduce((best, v, k) => (v.s.loudnessDb < voiced[best]!.s.loudnessDb ? k : best), 0);
  let centres: [Point, Point] = [pts[loudest]!, pts[quietest]!];
  let member = pts.map(() => 0);
  for (let round = 0; round < 50; round++) {
    const next = pts.map((p) => (distance(p, centres[0]) <= distance(p, centres[1]) ? 0 : 1));
    const changed = next.some((m, k) => m !== member[k]);
    member = next;
    const group = (g: number) => pts.map((point, k) => ({ point, weight: member[k] === g ? weight[k]! : 0 }));
    centres = [centroid(group(0)) ?? centres[0], centroid(group(1)) ?? centres[1]];
    if (!changed && round > 0) break;
  }
  const groups = [0, 1].map((g) => voiced.filter((_, k) => member[k] === g).map((v) => v.s));
  if (!groups[0]!.length || !groups[1]!.length) return labels;
  const loud = groups.map((g) => durationWeighted(g, (s) => s.loudnessDb));
  const pitch = groups.map((g) =>
    durationWeighted(
      g.filter((s) => s.pitchHz > 0),
      (s) => semitones(s.pitchHz),
    ),
  );
  const oneVoice = Math.abs(loud[0]! - loud[1]!) < SAME_VOICE_DB && Math.abs(pitch[0]! - pitch[1]!) < SAME_VOICE_ST;
  const teacherGroup = loud[0]! >= loud[1]! ? 0 : 1;
  voiced.forEach((v, k) => (labels[v.i] = oneVoice || member[k] === teacherGroup ? 'teacher' : 'student'));
  return labels;
}

/** The label a band gives a segment it covers at least half of; the latest band wins. */
function correctionFor(s: SegmentFeatures, corrections: CorrectionBand[]): TalkLabel | null {
  let found: TalkLabel | null = null;
  for (const c of corrections) {
    const overlap = Math.min(s.endMs, c.endMs) - Math.max(s.startMs, c.startMs);
    if (overlap * 2 >= s.endMs - s.startMs) found = c.label;
  }
  return found;
}

/**
 * The teacher's corrections are labels the rest of the lesson learns from, locally: corrected
 * segments keep the teacher's label, and an uncorrected segment takes a corrected segment's label
 * only when it is nearer to that example than to the centre of the group the analysis gave it. One
 * correction of a misheard student thus fixes that student's other turns too, and never turns the
 * rest of the lesson over (a centre made of one corrected example would pull whole groups across).
 */
export function labelSegments(segments: SegmentFeatures[], corrections: CorrectionBand[] = []): LabelledSegment[] {
  const guessed = clusterVoices(segments);
  const fixed = segments.map((s) => correctionFor(s, corrections));
  if (!fixed.some((f) => f !== null) || segments.length < 2) {
    return segments.map((s, i) => ({ ...s, label: fixed[i] ?? guessed[i]!, corrected: fixed[i] !== null }));
  }
  const pts = points(segments);
  const weight = segments.map((s) => s.endMs - s.startMs);
  const centres = new Map(
    (['teacher', 'student', 'other'] as const).map((label) => [
      label,
      centroid(pts.map((point, i) => ({ point, weight: fixed[i] === null && guessed[i] === label ? weight[i]! : 0 }))),
    ]),
  );
  const examples = pts.flatMap((point, i) => (fixed[i] ? [{ point, label: fixed[i] }] : []));
  return segments.map((s, i) => {
    if (fixed[i]) return { ...s, label: fixed[i], corrected: true };
    const own = guessed[i]!;
    // A steady tone stays "other" unless the teacher said otherwise: a voice's example says nothing of it.
    if (own === 'other') return { ...s, label: 'other', corrected: false };
    const nearest = examples.reduce((best, e) => (distance(pts[i]!, e.point) < distance(pts[i]!, best.point) ? e : best));
    const centre = centres.get(own);
    const follows = nearest.label !== own && (!centre || distance(pts[i]!, nearest.point) < distance(pts[i]!, centre));
    return { ...s, label: follows ? nearest.label : own, corrected: false };
  });
}
