import { describe, expect, it } from 'vitest';
import type { TalkSegment } from '../../../common/schemas/talk';
import { bandAfterKey, isLongMonologue, LONG_MONOLOGUE_MS, markedBand, shortWaits } from '../../../renderer/src/talk/bands';

const seg = (startMs: number, endMs: number, label: TalkSegment['label']): TalkSegment => ({ startMs, endMs, label, corrected: false });

describe('the talk lane marks', () => {
  it('marks a teacher turn over a minute as a long monologue, not a student one', () => {
    expect(isLongMonologue(seg(0, LONG_MONOLOGUE_MS + 1, 'teacher'))).toBe(true);
    expect(isLongMonologue(seg(0, LONG_MONOLOGUE_MS, 'teacher'))).toBe(false);
    expect(isLongMonologue(seg(0, LONG_MONOLOGUE_MS * 2, 'student'))).toBe(false);
  });

  it('flags waits under 3 s after the teacher before a student, as wait time 1 counts them', () => {
    const segments = [
      seg(0, 5000, 'teacher'),
      seg(6000, 7000, 'student'), // 1 s: short
      seg(8000, 9000, 'teacher'),
      seg(9500, 10_000, 'teacher'), // the teacher going on is no wait
      seg(14_000, 15_000, 'student'), // 4 s: long enough
      seg(16_000, 17_000, 'teacher'),
      seg(17_500, 18_000, 'other'), // a video is no answer
    ];
    expect(shortWaits(segments)).toEqual([{ startMs: 5000, endMs: 6000 }]);
  });

  it('sees through music in the gap: it neither ends nor shortens the wait', () => {
    const segments = [seg(0, 5000, 'teacher'), seg(5200, 6500, 'other'), seg(7000, 8000, 'student')];
    expect(shortWaits(segments)).toEqual([{ startMs: 5000, endMs: 7000 }]);
  });
});

describe('moving along the lane with keys', () => {
  it('steps, stops at the ends and jumps with Home and End', () => {
    expect(bandAfterKey('ArrowRight', null, 3)).toBe(0);
    expect(bandAfterKey('ArrowRight', 2, 3)).toBe(2);
    expect(bandAfterKey('ArrowLeft', 0, 3)).toBe(0);
    expect(bandAfterKey('ArrowLeft', 2, 3)).toBe(1);
    expect(bandAfterKey('End', 0, 3)).toBe(2);
    expect(bandAfterKey('Home', 2, 3)).toBe(0);
    expect(bandAfterKey('Enter', 1, 3)).toBeNull();
    expect(bandAfterKey('ArrowRight', null, 0)).toBeNull();
  });
});

describe('jumping between marked bands', () => {
  const segments = [
    seg(0, 5000, 'teacher'), // 0: short wait after
    seg(6000, 7000, 'student'),
    seg(10_000, 80_000, 'teacher'), // 2: long monologue
    seg(85_000, 86_000, 'student'),
  ];
  it('goes to the next and previous long monologue or short wait, and stops at the ends', () => {
    expect(markedBand(segments, null, 1)).toBe(0);
    expect(markedBand(segments, 0, 1)).toBe(2);
    expect(markedBand(segments, 2, 1)).toBeNull();
    expect(markedBand(segments, 3, -1)).toBe(2);
    expect(markedBand(segments, null, -1)).toBe(2);
    expect(markedBand(segments, 0, -1)).toBeNull();
  });
});
