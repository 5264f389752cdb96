import type { Note } from '../../../common/schemas/note';

/** Where a moment sits on the timeline, as a percentage of its width. */
export function percentAt(ms: number, durationMs: number): number {
  if (durationMs <= 0) return 0;
  return Math.min(100, Math.max(0, (ms / durationMs) * 100));
}

/** The moment under a pointer at clientX over a box; the timeline is LTR in every language. */
export function msAtPointer(clientX: number, box: { left: number; width: number }, durationMs: number): number {
  if (box.width <= 0) return 0;
  return Math.round(Math.min(1, Math.max(0, (clientX - box.left) / box.width)) * durationMs);
}

/**
 * Rows for range bars so overlapping ranges never hide each other: each range takes the first row
 * whose last bar ended before it starts. Beyond `maxRows` bars share the last row.
 */
export function rangeRows(notes: Note[], maxRows: number): Map<string, number> {
  const rowEnds: number[] = [];
  const rows = new Map<string, number>();
  for (const n of [...notes].filter((x) => x.endMs !== null).sort((a, b) => a.startMs - b.startMs)) {
    let row = rowEnds.findIndex((end) => end <= n.startMs);
    if (row < 0) row = rowEnds.length < maxRows ? rowEnds.length : maxRows - 1;
    rowEnds[row] = Math.max(rowEnds[row] ?? 0, n.endMs!);
    rows.set(n.id, row);
  }
  return rows;
}

/** The note playback is at: the last one started, or a range still running. */
export function currentNoteIndex(notes: Note[], ms: number): number {
  let current = -1;
  for (let i = 0; i < notes.length; i++) {
    const n = notes[i]!;
    if (n.startMs > ms) break;
    current = i;
  }
  return current;
}

/** A note this close behind the playhead counts as the one being watched, not the one before. */
const PREVIOUS_GRACE_MS = 750;
/** A note this close ahead is where the playhead already is (a seek lands within a frame or so). */
const NEXT_GRACE_MS = 100;

/**
 * The note to jump to from `ms`, backwards or forwards, among notes in time order: the keyboard's way
 * along the timeline's marks. Going back from just after a note's start goes to the one before it, so
 * pressing again while the video plays keeps going back.
 */
export function adjacentNote(notes: Note[], ms: number, direction: -1 | 1): Note | null {
  if (direction === 1) return notes.find((n) => n.startMs > ms + NEXT_GRACE_MS) ?? null;
  return notes.findLast((n) => n.startMs < ms - PREVIOUS_GRACE_MS) ?? null;
}

/** Gridline spacing that keeps labels about 80 px apart at any zoom. */
export function tickStepMs(durationMs: number, widthPx: number): number {
  const steps = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000];
  const target = (durationMs / Math.max(1, widthPx)) * 80;
  return steps.find((s) => s >= target) ?? steps[steps.length - 1]!;
}

/**
 * How far an arrow key on the seek slider moves the playhead, as video players do: 5 s, or 1 s with
 * Shift for a finer step; null for keys the slider does not take. Right and Up go forward in every
 * language, since the timeline itself stays left to right.
 */
export function seekStepMs(key: string, shiftKey: boolean): number | null {
  const step = shiftKey ? 1000 : 5000;
  if (key === 'ArrowRight' || key === 'ArrowUp') return step;
  if (key === 'ArrowLeft' || key === 'ArrowDown') return -step;
  return null;
}
