import { describe, expect, it } from 'vitest';
import type { BlurRegion } from '../../../common/schemas/blur';
import { MASK_FPS, maskFrames } from '../../../core/blur/mask';

const W = 100;
const H = 50;
const region = (r: Partial<BlurRegion> & Pick<BlurRegion, 'keys'>): BlurRegion => ({
  id: 'r',
  source: 'drawn',
  removed: false,
  startMs: r.keys[0]!.t,
  endMs: r.keys[r.keys.length - 1]!.t,
  ...r,
});
/** The frames of a mask, and whether a point (fractions of the picture) is white on frame i. */
const frames = (regions: BlurRegion[], durationMs: number) => {
  const all = Buffer.concat([...maskFrames(regions, durationMs, W, H)]);
  return {
    count: all.length / (W * H),
    white: (i: number, x: number, y: number) => all[i * W * H + Math.floor(y * H) * W + Math.floor(x * W)] === 255,
  };
};

describe('the mask streamed to the render', () => {
  it('runs five seconds past the end, ten frames a second', () => {
    expect(MASK_FPS).toBe(10);
    expect(frames([], 2000).count).toBe(70);
  });

  it('covers every place a moving box takes during a frame, and a box that lives less than a frame', () => {
    const moving = region({
      keys: [
        { t: 0, x: 0.1, y: 0.4, w: 0.1, h: 0.2 },
        { t: 1000, x: 0.8, y: 0.4, w: 0.1, h: 0.2 },
      ],
    });
    const brief = region({ id: 'b', startMs: 1520, endMs: 1560, keys: [{ t: 1520, x: 0.45, y: 0.05, w: 0.1, h: 0.1 }] });
    const m = frames([moving, brief], 2000);
    // Frame 5 spans 500-600 ms: the box goes from x 0.45 to 0.52 (plus its width) then.
    expect(m.white(5, 0.46, 0.5)).toBe(true);
    expect(m.white(5, 0.6, 0.5)).toBe(true);
    expect(m.white(5, 0.2, 0.5)).toBe(false);
    // The brief box shows on the frame of 1500-1600 ms only.
    expect(m.white(15, 0.5, 0.1)).toBe(true);
    expect(m.white(14, 0.5, 0.1)).toBe(false);
    expect(m.white(16, 0.5, 0.1)).toBe(false);
  });

  it('leaves out a region the teacher removed', () => {
    const removed = region({
      removed: true,
      keys: [
        { t: 0, x: 0.1, y: 0.1, w: 0.5, h: 0.5 },
        { t: 2000, x: 0.1, y: 0.1, w: 0.5, h: 0.5 },
      ],
    });
    expect(frames([removed], 2000).white(3, 0.3, 0.3)).toBe(false);
  });
});
