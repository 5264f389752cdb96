import type { Detection } from './tracker';

/**
 * Sampled frames laid out on one picture for the detector. SSD MobileNet sees a 512 × 512 square
 * whatever it is given, so a 16:9 frame alone leaves 44% of it black padding and costs a whole run
 * of the model. Two such frames stacked (each 512 × 256, squeezed by a ninth) fill the square: the
 * model runs once for two frames. ffmpeg's `tile` filter stacks them, in the order they come
 * (left to right, then top to bottom). Frames of other shapes go alone, as before.
 */
export interface SheetLayout {
  cols: number;
  rows: number;
  /** One frame's size on the sheet, in pixels. */
  cellW: number;
  cellH: number;
}

/** The detector's square side. */
export const SHEET_SIDE = 512;
/** How far a frame may be squeezed or stretched to share the square: 16:9 (0.89) to 2.39:1 (1.2). */
const SHARE_RANGE = [1.7, 2.45] as const;

/**
 * With `share`, two frames to a sheet when the picture is wide (one above the other) or tall (side by
 * side) enough; otherwise one frame, `aloneWidth` pixels wide at most (the model shrinks it to its square).
 */
export function sheetLayout(width: number, height: number, o: { aloneWidth: number; share: boolean }): SheetLayout {
  const wide = width / height;
  const half = SHEET_SIDE / 2;
  if (o.share && wide >= SHARE_RANGE[0] && wide <= SHARE_RANGE[1]) return { cols: 1, rows: 2, cellW: SHEET_SIDE, cellH: half };
  if (o.share && 1 / wide >= SHARE_RANGE[0] && 1 / wide <= SHARE_RANGE[1]) return { cols: 2, rows: 1, cellW: half, cellH: SHEET_SIDE };
  const cellW = Math.min(even(o.aloneWidth), even(width));
  return { cols: 1, rows: 1, cellW, cellH: even((height * cellW) / width) };
}

/** The sheet's size and its ffmpeg filter (after the frames are sampled). */
export function sheetFilter(layout: SheetLayout): { width: number; height: number; filter: string } {
  const scale = `scale=${layout.cellW}:${layout.cellH}:flags=bilinear`;
  return {
    width: layout.cellW * layout.cols,
    height: layout.cellH * layout.rows,
    filter: layout.cols * layout.rows > 1 ? `${scale},tile=${layout.cols}x${layout.rows}` : scale,
  };
}

/**
 * The faces found on a sheet, per frame in sheet order, as fractions of that frame. A box belongs to
 * the frame its centre is in, and is cut at that frame's edges.
 */
export function splitSheet(found: Detection[], layout: SheetLayout): Detection[][] {
  const { cols, rows } = layout;
  const cells: Detection[][] = Array.from({ length: cols * rows }, () => []);
  for (const d of found) {
    const col = Math.min(cols - 1, Math.max(0, Math.floor((d.x + d.w / 2) * cols)));
    const row = Math.min(rows - 1, Math.max(0, Math.floor((d.y + d.h / 2) * rows)));
    const x0 = Math.max(d.x * cols - col, 0);
    const y0 = Math.max(d.y * rows - row, 0);
    const x1 = Math.min((d.x + d.w) * cols - col, 1);
    const y1 = Math.min((d.y + d.h) * rows - row, 1);
    if (x1 <= x0 || y1 <= y0) continue;
    cells[row * cols + col]!.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0, score: d.score });
  }
  return cells;
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
