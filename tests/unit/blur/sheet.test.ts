import { describe, expect, it } from 'vitest';
import { sheetFilter, sheetLayout, splitSheet } from '../../../core/blur/sheet';

describe('frames laid out for the detector', () => {
  it('stacks two wide frames, puts two tall ones side by side, and leaves other shapes alone', () => {
    expect(sheetLayout(1280, 720, { aloneWidth: 640, share: true })).toEqual({ cols: 1, rows: 2, cellW: 512, cellH: 256 });
    expect(sheetLayout(720, 1280, { aloneWidth: 640, share: true })).toEqual({ cols: 2, rows: 1, cellW: 256, cellH: 512 });
    expect(sheetLayout(640, 480, { aloneWidth: 640, share: true })).toEqual({ cols: 1, rows: 1, cellW: 640, cellH: 480 });
    expect(sheetLayout(1280, 720, { aloneWidth: 1280, share: false })).toEqual({ cols: 1, rows: 1, cellW: 1280, cellH: 720 });
    expect(sheetFilter({ cols: 1, rows: 2, cellW: 512, cellH: 256 })).toEqual({
      width: 512,
      height: 512,
      filter: 'scale=512:256:flags=bilinear,tile=1x2',
    });
  });

  it('gives each box to the frame its centre is in, as fractions of that frame, cut at its edges', () => {
    const layout = { cols: 1, rows: 2, cellW: 512, cellH: 256 };
    const [top, bottom] = splitSheet(
      [
        { x: 0.1, y: 0.1, w: 0.2, h: 0.2, score: 0.9 },
        { x: 0.5, y: 0.6, w: 0.1, h: 0.1, score: 0.8 },
        // Across the seam, mostly in the lower frame.
        { x: 0.7, y: 0.45, w: 0.1, h: 0.2, score: 0.7 },
      ],
      layout,
    );
    expect(top).toHaveLength(1);
    for (const [k, v] of Object.entries({ x: 0.1, y: 0.2, w: 0.2, h: 0.4, score: 0.9 })) expect(top![0]![k as 'x']).toBeCloseTo(v);
    expect(bottom).toHaveLength(2);
    expect(bottom![0]).toMatchObject({ x: 0.5, score: 0.8 });
    expect(bottom![0]!.w).toBeCloseTo(0.1);
    expect(bottom![0]!.y).toBeCloseTo(0.2);
    expect(bottom![0]!.h).toBeCloseTo(0.2);
    expect(bottom![1]!.y).toBe(0);
    expect(bottom![1]!.h).toBeCloseTo(0.3);
  });
});
