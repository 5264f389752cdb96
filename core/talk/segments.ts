import { FRAME_MS, powerDb } from './features';

/** Per-frame measurements of a whole lesson; a 30-minute lesson is about 56 000 frames (under 1 MB). */
export interface FrameTrack {
  /** Silero's probability that the frame is speech. */
  speech: ArrayLike<number>;
  /** Mean power of the frame (linear). */
  meanSquare: ArrayLike<number>;
  /** Pitch in Hz, 0 when unvoiced, NaN when not measured. */
  pitch: ArrayLike<number>;
  /** Spectral centroid in Hz, NaN when not measured. */
  centroid: ArrayLike<number>;
  /** Spectral flatness (0 tonal to 1 noise), NaN when not measured; measured whether or not the VAD hears speech. */
  flatness: ArrayLike<number>;
}

export interface VadOptions {
  /** Speech starts where the probability reaches this... */
  threshold: number;
  /** ...and ends where it has stayed under this for minSilenceMs (hysteresis, as Silero's own tools do). */
  negThreshold: number;
  minSpeechMs: number;
  minSilenceMs: number;
  /** Added on each side (clamped to the neighbours): the model decides a little late at both ends. */
  padMs: number;
}

export const defaultVadOptions: VadOptions = { threshold: 0.5, negThreshold: 0.35, minSpeechMs: 250, minSilenceMs: 100, padMs: 32 };

/** A stretch of speech in frame indices [start, end). */
export interface FrameSpan {
  start: number;
  end: number;
}

/** Silero's get_speech_timestamps on frame probabilities: the same thresholds, hysteresis and padding. */
export function speechSpans(speech: ArrayLike<number>, options: VadOptions = defaultVadOptions): FrameSpan[] {
  const minSpeech = Math.ceil(options.minSpeechMs / FRAME_MS);
  const minSilence = Math.ceil(options.minSilenceMs / FRAME_MS);
  const pad = Math.round(options.padMs / FRAME_MS);
  const spans: FrameSpan[] = [];
  let start = -1;
  let silentFrom = -1;
  for (let i = 0; i < speech.length; i++) {
    const p = speech[i]!;
    if (p >= options.threshold) {
      silentFrom = -1;
      if (start < 0) start = i;
    } else if (start >= 0 && p < options.negThreshold) {
      if (silentFrom < 0) silentFrom = i;
      if (i + 1 - silentFrom >= minSilence) {
        if (silentFrom - start >= minSpeech) spans.push({ start, end: silentFrom });
        start = -1;
        silentFrom = -1;
      }
    }
  }
  if (start >= 0) {
    const end = silentFrom >= 0 ? silentFrom : speech.length;
    if (end - start >= minSpeech) spans.push({ start, end });
  }
  // A gap too short for both paddings is shared half and half, as Silero's own tools do.
  return spans.map((s, i) => {
    const before = i > 0 ? s.start - spans[i - 1]!.end : Infinity;
    const after = i + 1 < spans.length ? spans[i + 1]!.start - s.end : Infinity;
    return {
      start: Math.max(0, s.start - (before < 2 * pad ? Math.floor(before / 2) : pad)),
      end: Math.min(speech.length, s.end + (after < 2 * pad ? Math.floor(after / 2) : pad)),
    };
  });
}

/** One stretch of speech (or of steady tonal sound) with what the clustering compares. */
export interface SegmentFeatures {
  startMs: number;
  endMs: number;
  /**
   * Not speech: a loud, sustained, tonal stretch the VAD did not hear (music, a video, a beep; see
   * tones.ts). Always "other" unless the teacher corrects it; its pitch and brightness are not measured.
   */
  tone?: true;
  /** Loudness: mean power over the segment, dB full scale. */
  loudnessDb: number;
  /** Median pitch of its voiced frames (Hz), 0 when none was voiced. */
  pitchHz: number;
  /** How much the pitch moves (standard deviation in semitones): speech glides, a held note does not. */
  pitchSpreadSt: number;
  /** Share of frames that were voiced. */
  voicedFraction: number;
  /** Mean spectral centroid (Hz). */
  centroidHz: number;
}

export function segmentFeatures(track: FrameTrack, span: FrameSpan): SegmentFeatures {
  let power = 0;
  let centroid = 0;
  let bright = 0;
  let measured = 0;
  const pitches: number[] = [];
  for (let i = span.start; i < span.end; i++) {
    power += track.meanSquare[i]!;
    if (!Number.isNaN(track.centroid[i]!)) {
      centroid += track.centroid[i]!;
      bright++;
    }
    if (Number.isNaN(track.pitch[i]!)) continue;
    measured++;
    if (track.pitch[i]! > 0) pitches.push(track.pitch[i]!);
  }
  const frames = Math.max(1, span.end - span.start);
  const semitones = pitches.map((p) => 12 * Math.log2(p / 100));
  const meanSt = semitones.reduce((a, b) => a + b, 0) / Math.max(1, semitones.length);
  const spread = Math.sqrt(semitones.reduce((a, s) => a + (s - meanSt) ** 2, 0) / Math.max(1, semitones.length));
  return {
    startMs: Math.round(span.start * FRAME_MS),
    endMs: Math.round(span.end * FRAME_MS),
    loudnessDb: round(powerDb(power / frames)),
    pitchHz: round(median(pitches)),
    pitchSpreadSt: round(spread),
    voicedFraction: round(pitches.length / Math.max(1, measured)),
    centroidHz: round(centroid / Math.max(1, bright)),
  };
}

export function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
