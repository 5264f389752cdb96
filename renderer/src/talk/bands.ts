import { isAdult, type TalkSegment } from '../../../common/schemas/talk';

/** A teacher's turn longer than this is a monologue worth a second look (marked on the lane). */
export const LONG_MONOLOGUE_MS = 60_000;
/** A wait after a teacher's turn shorter than this is short: research on wait time asks for 3 s or more. */
export const SHORT_WAIT_MS = 3_000;

export interface ShortWait {
  /** Where the wait starts: the end of the teacher's turn. */
  startMs: number;
  endMs: number;
}

export const isLongMonologue = (s: TalkSegment) => isAdult(s.label) && s.endMs - s.startMs > LONG_MONOLOGUE_MS;

/**
 * The short waits of a lesson (wait time 1): after a teacher's (or co-teacher's) turn, the gap before the next
 * student's, when it is shorter than SHORT_WAIT_MS (as core/talk/figures.ts counts it: music or a video in the
 * gap, "other", neither ends nor shortens it). Segments are in time order.
 */
export function shortWaits(segments: TalkSegment[]): ShortWait[] {
  const talk = segments.filter((s) => s.label !== 'other');
  const waits: ShortWait[] = [];
  for (let i = 0; i + 1 < talk.length; i++) {
    const here = talk[i]!;
    const next = talk[i + 1]!;
    if (!isAdult(here.label) || next.label !== 'student') continue;
    const gap = next.startMs - here.endMs;
    if (gap >= 0 && gap < SHORT_WAIT_MS) waits.push({ startMs: here.endMs, endMs: next.startMs });
  }
  return waits;
}

/** The index of the band a key moves to on the lane, or null when the key is not the lane's. */
export function bandAfterKey(key: string, index: number | null, count: number): number | null {
  if (count === 0) return null;
  const at = index ?? -1;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(count - 1, at + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(0, at === -1 ? 0 : at - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * The next (direction 1) or previous (-1) marked band from index: a long monologue, or a teacher's
 * turn followed by a short wait. Null when there is none that way.
 */
export function markedBand(segments: TalkSegment[], index: number | null, direction: 1 | -1): number | null {
  const waitsAt = new Set(shortWaits(segments).map((w) => w.startMs));
  const marked = (s: TalkSegment) => isLongMonologue(s) || waitsAt.has(s.endMs);
  for (let i = (index ?? (direction === 1 ? -1 : segments.length)) + direction; i >= 0 && i < segments.length; i += direction) {
    if (marked(segments[i]!)) return i;
  }
  return null;
}
