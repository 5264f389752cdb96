import { describe, expect, it } from 'vitest';
import { FRAME_MS } from '../../../core/talk/features';
import { segmentFeatures, speechSpans, type FrameTrack } from '../../../core/talk/segments';

/** Frame probabilities from a pattern: '#' speech (0.9), '-' unsure (0.4), '.' silence (0.05). */
const probs = (pattern: string) => [...pattern].map((c) => (c === '#' ? 0.9 : c === '-' ? 0.4 : 0.05));
const options = { threshold: 0.5, negThreshold: 0.35, minSpeechMs: 8 * FRAME_MS, minSilenceMs: 3 * FRAME_MS, padMs: 0 };

describe('speech spans from the VAD probabilities', () => {
  it('starts at the threshold, ends after enough silence, and keeps an unsure dip inside speech (hysteresis)', () => {
    expect(speechSpans(probs('....##########--####.....'), options)).toEqual([{ start: 4, end: 20 }]);
  });

  it('joins speech across a pause shorter than the minimum silence, splits it at a longer one', () => {
    expect(speechSpans(probs('..#########..#########....'), options)).toEqual([{ start: 2, end: 22 }]);
    expect(speechSpans(probs('..#########....#########....'), options)).toEqual([
      { start: 2, end: 11 },
      { start: 15, end: 24 },
    ]);
  });

  it('drops a blip shorter than the minimum speech, and closes speech still open at the end', () => {
    expect(speechSpans(probs('...###.......##########'), options)).toEqual([{ start: 13, end: 23 }]);
  });

  it('pads each span, sharing a gap too short for both paddings', () => {
    const padded = speechSpans(probs('..#########....#########....'), { ...options, padMs: 3 * FRAME_MS });
    expect(padded).toEqual([
      { start: 0, end: 13 },
      { start: 13, end: 27 },
    ]);
  });
});

describe('segment features', () => {
  it('averages power (in dB), takes the median voiced pitch and how much it moves, and the mean centroid', () => {
    const track: FrameTrack = {
      speech: [0.9, 0.9, 0.9, 0.9],
      meanSquare: [0.01, 0.01, 0.01, 0.01],
      pitch: [100, 200, 0, 100],
      centroid: [1000, 2000, 1000, 2000],
      flatness: [0.3, 0.3, 0.3, 0.3],
    };
    const f = segmentFeatures(track, { start: 0, end: 4 });
    expect(f).toMatchObject({ startMs: 0, endMs: 128, loudnessDb: -20, pitchHz: 100, voicedFraction: 0.75, centroidHz: 1500 });
    expect(f.pitchSpreadSt).toBeCloseTo(5.66, 1);
  });

  it('leaves frames whose pitch or brightness was not measured (NaN) out of those figures, not out of loudness', () => {
    const track: FrameTrack = {
      speech: [0.9, 0.9, 0.9, 0.9],
      meanSquare: [0.01, 0.01, 0.01, 0.01],
      pitch: [100, NaN, 0, NaN],
      centroid: [1000, NaN, 2000, NaN],
      flatness: [0.3, NaN, 0.3, NaN],
    };
    expect(segmentFeatures(track, { start: 0, end: 4 })).toMatchObject({
      loudnessDb: -20,
      pitchHz: 100,
      voicedFraction: 0.5,
      centroidHz: 1500,
    });
  });
});
