import { describe, expect, it } from 'vitest';
import { FRAME_MS } from '../../../core/talk/features';
import type { FrameSpan, FrameTrack } from '../../../core/talk/segments';
import { noiseFloorDb, toneScores, toneSpans } from '../../../core/talk/tones';

/** A stretch of frames of one loudness (dB full scale) and one spectral flatness. */
interface Run {
  frames: number;
  db: number;
  flatness: number;
}

const room = (frames: number): Run => ({ frames, db: -52, flatness: 0.15 });
const music = (frames: number, db = -25): Run => ({ frames, db, flatness: 0.01 });
const noise = (frames: number, db = -30): Run => ({ frames, db, flatness: 0.4 });

/** A lesson's track from runs; as in the analysis, flatness is measured on every other frame only. */
function track(...runs: Run[]): FrameTrack {
  const frames = runs.flatMap((r) => Array.from({ length: r.frames }, () => r));
  return {
    speech: frames.map(() => 0),
    meanSquare: frames.map((r) => 10 ** (r.db / 10)),
    pitch: frames.map(() => NaN),
    centroid: frames.map(() => NaN),
    flatness: frames.map((r, i) => (i % 2 === 0 ? r.flatness : NaN)),
  };
}

const second = Math.round(1000 / FRAME_MS);

describe('the noise floor of a lesson', () => {
  it('is the loudness its quietest tenth of frames stays under', () => {
    expect(noiseFloorDb(track(room(90), music(10)).meanSquare)).toBeCloseTo(-52, 3);
    expect(noiseFloorDb(track(room(5), music(95)).meanSquare)).toBeCloseTo(-45, 3);
  });

  it('is never louder than a classroom is quiet, even in a lesson of music from end to end', () => {
    expect(noiseFloorDb(track(music(100)).meanSquare)).toBe(-45);
    expect(noiseFloorDb([])).toBe(-45);
  });
});

describe('tone scores of frames', () => {
  it('scores loud tonal frames 1, tonal frames near the floor 0.5, noise and quiet 0, speech 0', () => {
    const t = track(music(4), music(4, -50), music(4, -54), noise(4), music(4));
    const scores = [...toneScores(t, [{ start: 16, end: 18 }], -52)];
    // Frame 15 was not measured: it takes the more tonal of its neighbours, so a boundary is known to a frame.
    expect(scores).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1]);
  });
});

describe('tonal stretches outside speech', () => {
  it('finds music between room noise, with its quiet tail, and nothing in the room noise', () => {
    const t = track(room(3 * second), music(2 * second), music(second, -51), room(3 * second));
    expect(toneSpans(t, [])).toEqual([{ start: 3 * second, end: 6 * second }]);
  });

  it('finds a whole lesson of music, or a beep, with no room to hear', () => {
    expect(toneSpans(track(music(10 * second, -19)), [])).toEqual([{ start: 0, end: 10 * second }]);
  });

  it('leaves noise of any loudness, a quiet hum and a short clink as silence', () => {
    expect(toneSpans(track(room(2 * second), noise(5 * second), room(2 * second)), [])).toEqual([]);
    expect(toneSpans(track(room(2 * second), noise(5 * second, -15), room(2 * second)), [])).toEqual([]);
    expect(toneSpans(track(room(2 * second), music(5 * second, -50), room(2 * second)), [])).toEqual([]);
    expect(toneSpans(track(room(2 * second), music(15), room(2 * second)), [])).toEqual([]);
  });

  it('keeps a short rest inside the music, and splits it at a long one', () => {
    const rest = (frames: number) => track(room(2 * second), music(2 * second), room(frames), music(2 * second), room(2 * second));
    expect(toneSpans(rest(6), [])).toEqual([{ start: 2 * second, end: 6 * second + 6 }]);
    expect(toneSpans(rest(second), [])).toHaveLength(2);
  });

  it('never overlaps speech: a voice over the music splits it', () => {
    const t = track(room(2 * second), music(6 * second), room(2 * second));
    const speech: FrameSpan[] = [{ start: 4 * second, end: 5 * second }];
    expect(toneSpans(t, speech)).toEqual([
      { start: 2 * second, end: 4 * second },
      { start: 5 * second, end: 8 * second },
    ]);
  });
});
