/**
 * How a sprite's tiles are laid out. One rule for the studio that draws a sprite (core/media/sprite.ts),
 * the studio that receives one from a community without its index (core/transfers/sprite-index.ts),
 * and the timeline that shows a tile: if they disagreed, hovering would show the wrong moment.
 */

const MAX_TILES = 300;
const DEFAULT_INTERVAL_S = 2;
const DEFAULT_COLUMNS = 10;

/** Every 2 s up to 10 minutes; longer videos are spaced out so the sprite stays within 300 tiles. */
export function spriteInterval(durationMs: number): number {
  return Math.max(DEFAULT_INTERVAL_S, Math.ceil(durationMs / 1000 / MAX_TILES));
}

export interface SpriteGrid {
  intervalS: number;
  columns: number;
  rows: number;
  /** Tiles the grid has room for: one per interval, at least one. */
  expected: number;
}

/** Row-major grid: a row of `columns` tiles (fewer for a short video), as many rows as needed. */
export function spriteGrid(durationMs: number, opts: { intervalS?: number; columns?: number } = {}): SpriteGrid {
  const intervalS = opts.intervalS ?? spriteInterval(durationMs);
  const expected = Math.max(1, Math.ceil(durationMs / 1000 / intervalS));
  const columns = Math.min(opts.columns ?? DEFAULT_COLUMNS, expected);
  return { intervalS, columns, rows: Math.ceil(expected / columns), expected };
}

/** Tile k shows the picture at k × intervalS, so the moment `ms` is the nearest tile that exists. */
export function spriteTileAt(ms: number, { intervalS, count }: { intervalS: number; count: number }): number {
  return Math.min(count - 1, Math.max(0, Math.round(ms / 1000 / intervalS)));
}
