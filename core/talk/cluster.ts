import { talkLabels, type TalkLabel } from '../../common/schemas/talk';
import type { SegmentFeatures } from './segments';
import { centroid, distance, farthestFrom, kMeans, points, voiceOf } from './voice-space';

/**
 * Who speaks, without a transcript. The teacher is the voice nearest the microphone: louder, and
 * brighter (the room takes the highs of a voice across it). Students are farther and usually higher.
 * Each segment becomes a point of (loudness, pitch, brightness); two groups are found by k-means,
 * starting from the loudest and the quietest segment; the louder group is the teacher. When the two
 * groups barely differ (one voice all lesson), everything is the teacher's. A held, steady pitch
 * (a note, a chord, a beep) is not a voice: "other". When the teacher says two adults teach the
 * lesson, three groups are found instead (the third started from the segment least like the
 * loudest and the quietest): the loudest is the teacher, the next the co-teacher, the quietest the
 * students; both adults' talk is teacher talk in the figures.
 */

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

export interface ClusterOptions {
  /**
   * The teacher said two adults teach this lesson (a co-teacher, a teaching assistant): the two
   * voices nearest the microphone are both adults, the louder one the teacher.
   */
  twoAdults?: boolean;
}

function sameVoice(a: SegmentFeatures[], b: SegmentFeatures[]): boolean {
  const [x, y] = [voiceOf(a), voiceOf(b)];
  return Math.abs(x.loudnessDb - y.loudnessDb) < SAME_VOICE_DB && Math.abs(x.pitchSt - y.pitchSt) < SAME_VOICE_ST;
}

export function isSteadyTone(s: SegmentFeatures): boolean {
  return s.voicedFraction >= 0.7 && s.pitchSpreadSt < STEADY_PITCH_ST && s.endMs - s.startMs >= 1000;
}

/**
 * The analysis's own labels: tonal stretches the VAD did not hear (music, a beep) and steady tones it
 * did are "other", the voices split into teacher (and co-teacher) and students.
 */
export function clusterVoices(segments: SegmentFeatures[], options: ClusterOptions = {}): TalkLabel[] {
  const labels: TalkLabel[] = segments.map((s) => (s.tone || isSteadyTone(s) ? 'other' : 'teacher'));
  const voiced = segments.map((s, i) => ({ s, i })).filter(({ i }) => labels[i] !== 'other');
  const twoAdults = options.twoAdults === true && voiced.length >= 3;
  if (voiced.length < 2) return labels;
  const pts = points(voiced.map((v) => v.s));
  const weight = voiced.map((v) => v.s.endMs - v.s.startMs);
  const loudest = voiced.reduce((best, v, k) => (v.s.loudnessDb > voiced[best]!.s.loudnessDb ? k : best), 0);
  const quietest = voiced.reduce((best, v, k) => (v.s.loudnessDb < voiced[best]!.s.loudnessDb ? k : best), 0);
  // Two adults: a third group, started from the segment least like both the loudest and the quietest.
  const seeds = twoAdults ? [loudest, quietest, farthestFrom(pts, [loudest, quietest])] : [loudest, quietest];
  const member = kMeans(pts, weight, seeds);
  const groups = seeds.map((_, g) => voiced.filter((_, k) => member[k] === g).map((v) => v.s));
  // The groups that kept a member, loudest first: the voice nearest the microphone is the teacher's, the farthest the students'.
  const order = groups
    .map((_, g) => g)
    .filter((g) => groups[g]!.length > 0)
    .sort((a, b) => voiceOf(groups[b]!).loudnessDb - voiceOf(groups[a]!).loudnessDb);
  if (order.length < 2) return labels;
  const named = new Map<number, TalkLabel>(order.map((g) => [g, 'student']));
  named.set(order[0]!, 'teacher');
  if (order.length === 3) {
    // The second adult: the middle group, unless it is the teacher's own voice again, or no nearer
    // the microphone than the students (then it is more students: the lesson had one adult after all).
    const [middle, farthest] = [voiceOf(groups[order[1]!]!), voiceOf(groups[order[2]!]!)];
    const nearer = middle.loudnessDb - farthest.loudnessDb >= SAME_VOICE_DB;
    if (sameVoice(groups[order[0]!]!, groups[order[1]!]!)) named.set(order[1]!, 'teacher');
    else if (nearer) named.set(order[1]!, 'coteacher');
  }
  // One voice all lesson (the nearest and the farthest group barely differ): everything is the teacher's.
  const oneVoice = sameVoice(groups[order[0]!]!, groups[order[order.length - 1]!]!);
  voiced.forEach((v, k) => (labels[v.i] = oneVoice ? 'teacher' : named.get(member[k]!)!));
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
 * Tonal stretches (music, a beep) are no voice: each is "other" or the label a correction gives it,
 * and they take no part in the voices' clustering, scaling or examples (they have no pitch to compare).
 */
export function labelSegments(
  segments: SegmentFeatures[],
  corrections: CorrectionBand[] = [],
  options: ClusterOptions = {},
): LabelledSegment[] {
  const voices = labelVoices(
    segments.filter((s) => !s.tone),
    corrections,
    options,
  );
  let next = 0;
  return segments.map((s) => {
    if (!s.tone) return voices[next++]!;
    const fixed = correctionFor(s, corrections);
    return { ...s, label: fixed ?? 'other', corrected: fixed !== null };
  });
}

function labelVoices(segments: SegmentFeatures[], corrections: CorrectionBand[], options: ClusterOptions): LabelledSegment[] {
  const guessed = clusterVoices(segments, options);
  const fixed = segments.map((s) => correctionFor(s, corrections));
  if (!fixed.some((f) => f !== null) || segments.length < 2) {
    return segments.map((s, i) => ({ ...s, label: fixed[i] ?? guessed[i]!, corrected: fixed[i] !== null }));
  }
  const pts = points(segments);
  const weight = segments.map((s) => s.endMs - s.startMs);
  const centres = new Map(
    talkLabels.map((label) => [
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
