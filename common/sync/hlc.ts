import { z } from 'zod';
import { StudioError } from '../errors';

/**
 * Hybrid logical clock timestamps, encoded as `<wall ms, 15 digits>-<counter, 6 digits>-<node id>`.
 * The fixed widths make plain string comparison the causal order, so SQL `ORDER BY`/`>` work on them
 * and the node id breaks ties between devices deterministically.
 */
const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const hlcPattern = /^(\d{15})-(\d{6})-([A-Za-z0-9_-]{1,64})$/;

export const nodeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const hlcSchema = z.string().regex(hlcPattern, 'not a hybrid logical clock timestamp');

/**
 * How far ahead of the receiver's wall clock a timestamp may be before it is refused, by the hub and
 * by the studio alike. A stamp ahead wins every last-writer-wins comparison until real time catches
 * up, so this is how long one wrong clock can override everyone. Five minutes is Kerberos's long-used
 * tolerance for desk and laptop clocks: far above what network time keeps them to, and above the
 * seconds a slow link adds to a measurement, yet short enough that a wrong time zone or a clock set
 * by hand is caught.
 */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60 * 1000;
/** A wall clock before this is a reset or dead clock battery, not a real date: refuse to stamp with it. */
export const MIN_WALL_MS = Date.UTC(2024, 0, 1);

export interface HlcParts {
  wallMs: number;
  counter: number;
  nodeId: string;
}

export function encodeHlc({ wallMs, counter, nodeId }: HlcParts): string {
  return `${String(wallMs).padStart(WALL_DIGITS, '0')}-${String(counter).padStart(COUNTER_DIGITS, '0')}-${nodeId}`;
}

export function parseHlc(hlc: string): HlcParts {
  const match = hlcPattern.exec(hlc);
  if (!match) throw new StudioError('invalid_input', { field: 'hlc' });
  return { wallMs: Number(match[1]), counter: Number(match[2]), nodeId: match[3] as string };
}

/**
 * Throws `clock_skew` when a timestamp's wall time is too far ahead of `nowMs`, or before MIN_WALL_MS.
 * Accepting such a stamp would let one wrong clock win every last-writer-wins comparison for days.
 */
export function assertHlcWithinDrift(hlc: string, nowMs: number, maxDriftMs = DEFAULT_MAX_DRIFT_MS): void {
  const { wallMs } = parseHlc(hlc);
  if (wallMs > nowMs + maxDriftMs) {
    throw new StudioError('clock_skew', { direction: 'ahead', driftMs: wallMs - nowMs, maxDriftMs });
  }
  if (wallMs < MIN_WALL_MS) {
    throw new StudioError('clock_skew', { direction: 'behind', driftMs: nowMs - wallMs, maxDriftMs });
  }
}

export interface Hlc {
  /** A fresh timestamp for a local event, greater than every timestamp seen so far. */
  tick(): string;
  /** Merges a timestamp from another node, so later local events sort after it. */
  receive(remote: string): string;
  /** The latest timestamp issued or received, to persist and pass back as `initial` after a restart. */
  last(): string | null;
}

export interface HlcOptions {
  maxDriftMs?: number;
  /** The last persisted timestamp, so a clock set back between runs cannot reorder events. */
  initial?: string | null;
}

export function createHlc(nodeId: string, now: () => number, options: HlcOptions = {}): Hlc {
  nodeIdSchema.parse(nodeId);
  const maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
  let wallMs = 0;
  let counter = 0;
  let latest: string | null = null;
  if (options.initial) {
    ({ wallMs, counter } = parseHlc(options.initial));
    latest = options.initial;
  }

  const physical = (): number => {
    const pt = now();
    if (pt < MIN_WALL_MS) {
      throw new StudioError('clock_skew', { direction: 'behind', driftMs: MIN_WALL_MS - pt, maxDriftMs });
    }
    return pt;
  };

  /**
   * Local events never fail for being ahead: a wall time beyond `pt` plus the bound can only be this
   * node's own, from a clock since set back, and staying above it keeps local order. The studio's sync
   * rewinds such stamps once the hub confirms the time (core/sync/clock.ts).
   */
  const advance = (nextWall: number, nextCounter: number): string => {
    // The counter is bounded by its width; spilling into the wall keeps the order strictly increasing.
    if (nextCounter > MAX_COUNTER) {
      nextWall += 1;
      nextCounter = 0;
    }
    wallMs = nextWall;
    counter = nextCounter;
    latest = encodeHlc({ wallMs, counter, nodeId });
    return latest;
  };

  return {
    tick() {
      const pt = physical();
      return pt > wallMs ? advance(pt, 0) : advance(wallMs, counter + 1);
    },
    receive(remote) {
      const pt = physical();
      const theirs = parseHlc(remote);
      // The only way in for another node's wall time: past this check it is at most `pt` plus the bound.
      assertHlcWithinDrift(remote, pt, maxDriftMs);
      const nextWall = Math.max(wallMs, theirs.wallMs, pt);
      let nextCounter = 0;
      if (nextWall === wallMs && nextWall === theirs.wallMs) nextCounter = Math.max(counter, theirs.counter) + 1;
      else if (nextWall === wallMs) nextCounter = counter + 1;
      else if (nextWall === theirs.wallMs) nextCounter = theirs.counter + 1;
      return advance(nextWall, nextCounter);
    },
    last: () => latest,
  };
}
