import { describe, expect, it } from 'vitest';
import { spriteGrid, spriteInterval, spriteTileAt } from '../../../common/sprite-grid';

describe('spriteInterval', () => {
  it('samples every 2 s up to 10 minutes, then keeps to 300 tiles', () => {
    expect(spriteInterval(5_000)).toBe(2);
    expect(spriteInterval(600_000)).toBe(2);
    expect(spriteInterval(601_000)).toBe(3);
    expect(spriteInterval(3_600_000)).toBe(12);
    for (const minutes of [11, 15, 45, 90]) expect(Math.ceil((minutes * 60) / spriteInterval(minutes * 60_000))).toBeLessThanOrEqual(300);
  });
});

describe('spriteGrid', () => {
  it('puts a short video on one row with a tile per interval', () => {
    expect(spriteGrid(8_000)).toEqual({ intervalS: 2, columns: 4, rows: 1, expected: 4 });
  });

  it('wraps into rows of ten by default', () => {
    expect(spriteGrid(45_000)).toEqual({ intervalS: 2, columns: 10, rows: 3, expected: 23 });
    expect(spriteGrid(3_600_000)).toEqual({ intervalS: 12, columns: 10, rows: 30, expected: 300 });
  });

  it('honours a chosen interval and column count', () => {
    expect(spriteGrid(8_000, { intervalS: 1, columns: 3 })).toEqual({ intervalS: 1, columns: 3, rows: 3, expected: 8 });
  });

  it('keeps one tile for a video with no known duration', () => {
    expect(spriteGrid(0)).toEqual({ intervalS: 2, columns: 1, rows: 1, expected: 1 });
  });
});

describe('spriteTileAt', () => {
  const index = { intervalS: 2, count: 4 };

  it('picks the nearest sampled moment', () => {
    expect([0, 900, 1000, 2000, 2999, 3000, 4000].map((ms) => spriteTileAt(ms, index))).toEqual([0, 0, 1, 1, 1, 2, 2]);
  });

  it('stays within the tiles that exist', () => {
    expect(spriteTileAt(-500, index)).toBe(0);
    expect(spriteTileAt(60_000, index)).toBe(3);
  });
});
