import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES, SAMPLE_RATE, meanSquare, pitchHz, powerDb, spectralShape } from '../../../core/talk/features';

function tone(hz: number, amplitude = 0.5, harmonics = 1): Float32Array {
  const frame = new Float32Array(FRAME_SAMPLES);
  for (let i = 0; i < frame.length; i++) {
    for (let h = 1; h <= harmonics; h++) frame[i] = frame[i]! + (amplitude / h) * Math.sin((2 * Math.PI * hz * h * i) / SAMPLE_RATE);
  }
  return frame;
}

function noise(amplitude: number, seed = 1): Float32Array {
  let s = seed;
  return new Float32Array(FRAME_SAMPLES).map(() => {
    s = (s * 16807) % 2147483647;
    return ((s / 2147483647) * 2 - 1) * amplitude;
  });
}

/** A room's rumble: leaky-integrated white noise, its power falling with frequency. */
function brown(amplitude: number, seed = 3): Float32Array {
  const white = noise(1, seed);
  let level = 0;
  return white.map((v) => (level = 0.98 * level + v) * amplitude * 0.1);
}

describe('frame features', () => {
  it('measures loudness in dB full scale: a sine of amplitude a has power a²/2', () => {
    expect(powerDb(meanSquare(tone(440, 1)))).toBeCloseTo(-3.01, 1);
    expect(powerDb(meanSquare(tone(440, 0.1)))).toBeCloseTo(-23.01, 1);
    expect(powerDb(meanSquare(new Float32Array(FRAME_SAMPLES)))).toBe(-100);
  });

  it('finds the pitch of a voice-like tone with overtones, from a low man to a child', () => {
    for (const hz of [95, 130, 210, 320]) expect(pitchHz(tone(hz, 0.5, 4))).toBeGreaterThan(hz * 0.97);
    for (const hz of [95, 130, 210, 320]) expect(pitchHz(tone(hz, 0.5, 4))).toBeLessThan(hz * 1.03);
  });

  it('says unvoiced (0) for noise and silence', () => {
    expect(pitchHz(noise(0.3))).toBe(0);
    expect(pitchHz(new Float32Array(FRAME_SAMPLES))).toBe(0);
  });

  it('puts the spectral centroid of a pure tone at the tone, and a dull sound below a bright one', () => {
    const centroid = (frame: Float32Array) => spectralShape(frame).centroidHz;
    expect(centroid(tone(1000))).toBeGreaterThan(900);
    expect(centroid(tone(1000))).toBeLessThan(1100);
    expect(centroid(tone(200, 0.5, 3))).toBeLessThan(centroid(tone(200, 0.5, 12)));
  });

  it('reads a note, a chord and a beep as tonal (flatness near 0), and noise of any colour as flat', () => {
    const flatness = (frame: Float32Array) => spectralShape(frame).flatness;
    const chord = tone(261.63, 0.3, 3).map((v, i) => v + tone(329.63, 0.3, 3)[i]! + tone(392, 0.3, 3)[i]!);
    for (const tonal of [tone(440, 0.5, 4), chord, tone(1000, 0.1)]) expect(flatness(tonal)).toBeLessThan(0.02);
    expect(flatness(noise(0.3))).toBeGreaterThan(0.3);
    expect(flatness(brown(0.3))).toBeGreaterThan(0.05);
    expect(flatness(new Float32Array(FRAME_SAMPLES))).toBe(1);
  });
});
