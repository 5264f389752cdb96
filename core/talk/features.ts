import FFT from 'fft.js';

/**
 * What the talk analysis measures in each 32 ms frame of 16 kHz mono sound: how loud it is, the
 * voice's pitch, the spectrum's centre of mass and how tonal it is. Plain functions over Float32Array, no allocation
 * per frame beyond the scratch buffers each caller keeps.
 */

export const SAMPLE_RATE = 16_000;
/** Silero VAD's window at 16 kHz; every feature is measured on the same frames. */
export const FRAME_SAMPLES = 512;
export const FRAME_MS = (FRAME_SAMPLES / SAMPLE_RATE) * 1000;

/** Below this a frame is silence to the loudness measure (digital silence would be -Infinity). */
export const FLOOR_DB = -100;

/** Mean power of a frame, in dB relative to full scale. */
export function meanSquare(frame: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) sum += frame[i]! * frame[i]!;
  return sum / frame.length;
}

export function powerDb(meanSq: number): number {
  return meanSq > 0 ? Math.max(FLOOR_DB, 10 * Math.log10(meanSq)) : FLOOR_DB;
}

/** Adult and children's voices fall between these (a man's low voice to a child's high one). */
const MIN_PITCH_HZ = 70;
const MAX_PITCH_HZ = 450;
/** A frame is voiced when its normalised autocorrelation at the best lag reaches this. */
const VOICING = 0.5;
const OCTAVE_TOLERANCE = 0.9;

/** The frame halved to 8 kHz, running energies and the normalised autocorrelation: reused by every call. */
const HALF_SAMPLES = FRAME_SAMPLES >> 1;
const halved = new Float64Array(HALF_SAMPLES);
const cumulative = new Float64Array(HALF_SAMPLES + 1);
const correlation = new Float64Array(HALF_SAMPLES + 2);

/**
 * The pitch of a voiced frame by autocorrelation, or 0 for an unvoiced one. The frame is halved to
 * 8 kHz first (averaging neighbours, a crude low-pass): a quarter of the work, and voices' pitch is
 * far below 4 kHz. The peak is refined by a parabola through its neighbours.
 */
export function pitchHz(frame: Float32Array): number {
  if (frame.length !== FRAME_SAMPLES) throw new Error(`expected ${FRAME_SAMPLES} samples`);
  const n = HALF_SAMPLES;
  const x = halved;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    x[i] = (frame[2 * i]! + frame[2 * i + 1]!) / 2;
    mean += x[i]!;
  }
  mean /= n;
  // Energy of x[0..k) for every k, so each lag's two energies cost nothing.
  cumulative[0] = 0;
  for (let i = 0; i < n; i++) {
    x[i] = x[i]! - mean;
    cumulative[i + 1] = cumulative[i]! + x[i]! * x[i]!;
  }
  const energy = cumulative[n]!;
  if (energy <= 1e-9) return 0;
  const rate = SAMPLE_RATE / 2;
  const minLag = Math.floor(rate / MAX_PITCH_HZ);
  const maxLag = Math.min(n - 2, Math.ceil(rate / MIN_PITCH_HZ));
  const r = correlation;
  for (let lag = minLag - 1; lag <= maxLag + 1; lag++) {
    let sum = 0;
    for (let i = 0, j = lag; j < n; i++, j++) sum += x[i]! * x[j]!;
    const e1 = cumulative[n - lag]!;
    const e2 = energy - cumulative[lag]!;
    r[lag] = e1 > 0 && e2 > 0 ? sum / Math.sqrt(e1 * e2) : 0;
  }
  const peak = (lag: number) => r[lag]! >= r[lag - 1]! && r[lag]! >= r[lag + 1]!;
  let best = 0;
  for (let lag = minLag; lag <= maxLag; lag++) if (peak(lag) && r[lag]! > best) best = r[lag]!;
  if (best < VOICING) return 0;
  // A periodic sound correlates as well at two or three periods as at one: the shortest lag that is
  // nearly as good as the best is the period (otherwise a voice reads an octave or two low).
  let bestLag = 0;
  for (let lag = minLag; lag <= maxLag && !bestLag; lag++) if (peak(lag) && r[lag]! >= OCTAVE_TOLERANCE * best) bestLag = lag;
  if (bestLag === 0) return 0;
  const a = r[bestLag - 1]!;
  const b = r[bestLag]!;
  const c = r[bestLag + 1]!;
  const denom = a - 2 * b + c;
  const shift = denom !== 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / denom)) : 0;
  return rate / (bestLag + shift);
}

const realFft = new FFT(FRAME_SAMPLES);

/** The buffers one caller's spectra are computed in, kept across frames. */
export interface SpectrumScratch {
  windowed: Float64Array;
  spectrum: number[];
}

export function spectrumScratch(): SpectrumScratch {
  return { windowed: new Float64Array(FRAME_SAMPLES), spectrum: realFft.createComplexArray() };
}

const hann = new Float64Array(FRAME_SAMPLES).map((_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (FRAME_SAMPLES - 1)));

/** Where tonality is judged: above a room's rumble, below the highs a far microphone loses (bins of 31.25 Hz). */
const TONALITY_LOW_BIN = 5;
const TONALITY_HIGH_BIN = 160;

/** What one FFT of a frame tells: where its spectrum's weight sits, and how tonal it is. */
export interface SpectralShape {
  /** The spectral centroid (Hz). */
  centroidHz: number;
  /**
   * Spectral flatness from about 150 Hz to 5 kHz: the geometric over the arithmetic mean of the power
   * spectrum. Noise of any colour is near flat there (white about 0.56, pink about 0.4, a room's rumble
   * about 0.1); a held note or chord puts its power in a few peaks and reads near 0.
   */
  flatness: number;
}

/**
 * The spectral centroid and flatness of a frame through a Hann window, from one FFT. A voice close to
 * the microphone keeps its high frequencies, one across the room loses them to distance and the room;
 * music, a beep or a held chord is tonal (low flatness) where noise is not.
 */
export function spectralShape(
  frame: Float32Array,
  scratch: SpectrumScratch = spectrumScratch(),
  out: SpectralShape = { centroidHz: 0, flatness: 1 },
): SpectralShape {
  if (frame.length !== FRAME_SAMPLES) throw new Error(`expected ${FRAME_SAMPLES} samples`);
  const { windowed, spectrum } = scratch;
  for (let i = 0; i < FRAME_SAMPLES; i++) windowed[i] = frame[i]! * hann[i]!;
  // Only the left half of the spectrum is filled, as interleaved (re, im) pairs: all a real frame needs.
  realFft.realTransform(spectrum, windowed);
  let weighted = 0;
  let total = 0;
  let logPower = 0;
  let power = 0;
  for (let k = 1; k < FRAME_SAMPLES / 2; k++) {
    const p = spectrum[2 * k]! * spectrum[2 * k]! + spectrum[2 * k + 1]! * spectrum[2 * k + 1]!;
    const mag = Math.sqrt(p);
    weighted += mag * ((k * SAMPLE_RATE) / FRAME_SAMPLES);
    total += mag;
    if (k < TONALITY_LOW_BIN || k >= TONALITY_HIGH_BIN) continue;
    // A floor far under any sound the analysis measures keeps log(0) out of digital silence.
    logPower += Math.log(p + 1e-20);
    power += p;
  }
  const bins = TONALITY_HIGH_BIN - TONALITY_LOW_BIN;
  out.centroidHz = total > 0 ? weighted / total : 0;
  out.flatness = power > 0 ? Math.min(1, Math.exp(logPower / bins) / (power / bins)) : 1;
  return out;
}
