import { powerDb } from './features';
import { speechSpans, type FrameSpan, type FrameTrack, type VadOptions } from './segments';

/**
 * Music, a video played in class, a beep, a held chord: sound that is nobody's talk, which Silero
 * does not hear as speech. It is told from a room's noise by its tonality (the spectral flatness of
 * features.ts: noise is near flat, notes put their power in a few peaks) and from a quiet hum by its
 * loudness over the lesson's noise floor. Plain functions over the per-frame track, after decoding.
 */

export interface ToneOptions {
  /** A frame under this spectral flatness is tonal. */
  maxFlatness: number;
  /** A tonal stretch starts this far over the noise floor (dB): clearly heard over the room... */
  startOverFloorDb: number;
  /** ...and goes on while it stays tonal and this far over it (a plucked chord dies away into the room). */
  continueOverFloorDb: number;
  /** However quiet the room, a sound under this (dB full scale) is background, not something played. */
  minStartDb: number;
  /** Shorter tonal stretches are left as silence: a squeak, a clink, a cough's ring. */
  minMs: number;
  /**
   * A gap this long (not tonal, too quiet, or speech) ends a stretch; shorter ones stay inside it: the
   * rest between two notes, the noisy attack of a plucked string.
   */
  maxGapMs: number;
}

export const defaultToneOptions: ToneOptions = {
  maxFlatness: 0.05,
  startOverFloorDb: 10,
  continueOverFloorDb: 0,
  minStartDb: -45,
  minMs: 1000,
  maxGapMs: 400,
};

/** Where the noise floor is read: the quietest tenth of the lesson's frames. */
const FLOOR_QUANTILE = 0.1;
/**
 * A classroom's quiet is quieter than this. A lesson whose quietest tenth is louder is sound from end
 * to end (music, a film, a fan next to the microphone), and its quietest tenth is then no floor.
 */
const MAX_FLOOR_DB = -45;

/** The lesson's noise floor (dB full scale): the loudness its quietest tenth of frames stays under. */
export function noiseFloorDb(meanSquare: ArrayLike<number>): number {
  if (meanSquare.length === 0) return MAX_FLOOR_DB;
  const db = Float32Array.from(meanSquare, powerDb).sort();
  return Math.min(MAX_FLOOR_DB, db[Math.floor(FLOOR_QUANTILE * (db.length - 1))]!);
}

/** Scores on the VAD's scale, so the VAD's own hysteresis finds the stretches. */
const LOUD_TONE = 1;
const QUIET_TONE = 0.5;

/** A frame's flatness, or for one not measured the more tonal of its neighbours' (NaN when neither was). */
function flatnessAt(flatness: ArrayLike<number>, i: number): number {
  const own = flatness[i]!;
  if (!Number.isNaN(own)) return own;
  const before = i > 0 ? flatness[i - 1]! : NaN;
  const after = i + 1 < flatness.length ? flatness[i + 1]! : NaN;
  if (Number.isNaN(before)) return after;
  return Number.isNaN(after) ? before : Math.min(before, after);
}

/**
 * Per frame: 1 where the sound is tonal and loud enough to start a stretch, 0.5 where it is tonal and
 * loud enough to go on, 0 elsewhere and inside speech. Flatness is measured on every other frame; a
 * frame between takes its neighbours'.
 */
export function toneScores(track: FrameTrack, speech: FrameSpan[], floorDb: number, options = defaultToneOptions): Float32Array {
  const scores = new Float32Array(track.meanSquare.length);
  const startDb = Math.max(options.minStartDb, floorDb + options.startOverFloorDb);
  const goOnDb = floorDb + options.continueOverFloorDb;
  for (let i = 0; i < scores.length; i++) {
    if (!(flatnessAt(track.flatness, i) < options.maxFlatness)) continue;
    const db = powerDb(track.meanSquare[i]!);
    scores[i] = db >= startDb ? LOUD_TONE : db >= goOnDb ? QUIET_TONE : 0;
  }
  for (const s of speech) scores.fill(0, s.start, s.end);
  return scores;
}

/**
 * The lesson's tonal stretches outside speech, in frame indices: loud over the noise floor where they
 * start, tonal throughout, at least minMs long. They never overlap the speech spans given. The VAD's
 * hysteresis (speechSpans) does the walking, on the scores instead of speech probabilities.
 */
export function toneSpans(track: FrameTrack, speech: FrameSpan[], options = defaultToneOptions): FrameSpan[] {
  const scores = toneScores(track, speech, noiseFloorDb(track.meanSquare), options);
  const hysteresis: VadOptions = {
    threshold: (LOUD_TONE + QUIET_TONE) / 2,
    negThreshold: QUIET_TONE / 2,
    minSpeechMs: options.minMs,
    minSilenceMs: options.maxGapMs,
    padMs: 0,
  };
  return speechSpans(scores, hysteresis);
}
