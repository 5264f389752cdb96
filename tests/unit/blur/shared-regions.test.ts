import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { boxAt } from '../../../common/blur-geometry';
import type { BlurRegion } from '../../../common/schemas/blur';
import { BLUR_RECORD_MAX_KEYS, sharedBlurRegionsSchema } from '../../../common/sync/blur-record';
import { sharedRegions } from '../../../core/blur/shared';

/** A face sampled `n` times, 200 ms apart, moving by `path(i)`. */
function region(n: number, path: (i: number) => { x: number; y: number }, removed = false): BlurRegion {
  const keys = Array.from({ length: n }, (_, i) => ({ t: i * 200, ...path(i), w: 0.1, h: 0.15 }));
  return { id: uuidv7(), source: 'detected', startMs: 0, endMs: (n - 1) * 200, keys, removed };
}

describe('the regions a blurred share carries', () => {
  it('leaves out removed boxes and keeps two keys for a face moving in a straight line', () => {
    const straight = region(3000, (i) => ({ x: 0.1 + i * 0.0002, y: 0.3 }));
    const out = sharedRegions([straight, region(10, () => ({ x: 0.5, y: 0.5 }), true)]);
    expect(out).toHaveLength(1);
    expect(out[0]!.keys).toHaveLength(2);
    expect(sharedBlurRegionsSchema.safeParse(out).success).toBe(true);
  });

  it('stays within the record’s bounds for a crowded lesson, and close to where the faces were', () => {
    const wobble = (i: number) => ({ x: 0.4 + 0.05 * Math.sin(i / 3), y: 0.3 + 0.05 * Math.cos(i / 5) });
    const crowd = Array.from({ length: 40 }, () => region(4500, wobble));
    expect(crowd.reduce((n, r) => n + r.keys.length, 0)).toBeGreaterThan(BLUR_RECORD_MAX_KEYS);
    const out = sharedRegions(crowd);
    expect(sharedBlurRegionsSchema.safeParse(out).success).toBe(true);
    const first = out[0]!;
    for (let t = 0; t < 899_000; t += 7_000) {
      const sent = boxAt(first, t)!;
      const was = boxAt(crowd[0]!, t)!;
      expect(Math.abs(sent.x - was.x)).toBeLessThan(0.04);
      expect(Math.abs(sent.y - was.y)).toBeLessThan(0.04);
    }
  });
});
