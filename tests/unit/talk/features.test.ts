import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES, SAMPLE_RATE, meanSquare, pitchHz, powerDb, spectralCentroidHz } from '../../../core/talk/features';

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
    expect(spectralCentroidHz(tone(1000))).toBeGreaterThan(900);
    expect(spectralCentroidHz(tone(1000))).toBeLessThan(1100);
    expect(spectralCentroidHz(tone(200, 0.5, 3))).toBeLessThan(spectralCentroidHz(tone(200, 0.5, 12)));
  });
});
