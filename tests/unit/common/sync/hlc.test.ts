import { describe, expect, it } from 'vitest';
import { assertHlcWithinDrift, createHlc, DEFAULT_MAX_DRIFT_MS, encodeHlc, MIN_WALL_MS, parseHlc } from '../../../../common/sync/hlc';

const MINUTE = 60_000;
const start = Date.UTC(2026, 2, 1, 9, 0, 0);
const stamp = (wallMs: number, counter = 0, nodeId = 'other') => encodeHlc({ wallMs, counter, nodeId });
const clockSkew = (direction: 'ahead' | 'behind') =>
  expect.objectContaining({ code: 'clock_skew', params: expect.objectContaining({ direction }) });

describe('hybrid logical clock', () => {
  it('bounds drift to minutes, not a day', () => {
    expect(DEFAULT_MAX_DRIFT_MS).toBe(5 * MINUTE);
  });

  it('orders stamps as strings the way it orders events, with the node id breaking ties', () => {
    expect(stamp(start, 9) < stamp(start + 1, 0)).toBe(true);
    expect(stamp(start, 1) < stamp(start, 10)).toBe(true);
    expect(stamp(start, 1, 'a') < stamp(start, 1, 'b')).toBe(true);
    expect(parseHlc(stamp(start, 42, 'dev-x'))).toEqual({ wallMs: start, counter: 42, nodeId: 'dev-x' });
  });

  it('ticks strictly upwards: with the wall clock, on a frozen clock, and when the clock steps back', () => {
    let wall = start;
    const hlc = createHlc('me', () => wall);
    const a = hlc.tick();
    const b = hlc.tick();
    wall += 10;
    const c = hlc.tick();
    wall -= MINUTE;
    const d = hlc.tick();
    expect([a, b, c, d]).toEqual([...[a, b, c, d]].sort());
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(parseHlc(c)).toMatchObject({ wallMs: start + 10, counter: 0 });
    expect(hlc.last()).toBe(d);
  });

  it('spills a full counter into the wall time, keeping the order', () => {
    const hlc = createHlc('me', () => start, { initial: stamp(start, 999_999, 'me') });
    expect(parseHlc(hlc.tick())).toMatchObject({ wallMs: start + 1, counter: 0 });
  });

  it('sorts local events after a received stamp, including one a little ahead', () => {
    const hlc = createHlc('me', () => start);
    const theirs = stamp(start + 2 * MINUTE, 7);
    const merged = hlc.receive(theirs);
    expect(merged > theirs).toBe(true);
    expect(hlc.tick() > merged).toBe(true);
  });

  it('accepts a remote stamp exactly at the bound and refuses one beyond it, without moving', () => {
    const hlc = createHlc('me', () => start);
    const before = hlc.tick();
    expect(() => hlc.receive(stamp(start + DEFAULT_MAX_DRIFT_MS + 1))).toThrow(clockSkew('ahead'));
    expect(hlc.last()).toBe(before);
    expect(parseHlc(hlc.tick()).wallMs).toBe(start);
    expect(() => hlc.receive(stamp(start + DEFAULT_MAX_DRIFT_MS))).not.toThrow();
  });

  it('never lets a remote stamp carry the clock past its wall time plus the bound', () => {
    const hlc = createHlc('me', () => start);
    for (const ahead of [10 * MINUTE, 24 * 60 * MINUTE]) expect(() => hlc.receive(stamp(start + ahead))).toThrow(clockSkew('ahead'));
    expect(hlc.last()).toBeNull();
    expect(parseHlc(hlc.tick()).wallMs).toBe(start);
  });

  it('keeps stamping after its own clock was set back, from where it left off, for the sync to rewind', () => {
    // Stamps made while the clock ran two days ahead stay in order with what follows; the sync rewrites them once the hub confirms the time.
    const earlier = stamp(start + 2 * 24 * 60 * MINUTE, 3, 'me');
    const hlc = createHlc('me', () => start, { initial: earlier });
    const next = hlc.tick();
    expect(next > earlier).toBe(true);
  });

  it('refuses to stamp with a reset clock', () => {
    const dead = createHlc('me', () => 0);
    expect(() => dead.tick()).toThrow(clockSkew('behind'));
  });

  it('checks a stamp against a wall time: ahead beyond the bound, or before any real date', () => {
    expect(() => assertHlcWithinDrift(stamp(start + DEFAULT_MAX_DRIFT_MS), start)).not.toThrow();
    let thrown: unknown;
    try {
      assertHlcWithinDrift(stamp(start + 10 * MINUTE), start);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({
      code: 'clock_skew',
      params: { direction: 'ahead', driftMs: 10 * MINUTE, maxDriftMs: DEFAULT_MAX_DRIFT_MS },
    });
    expect(() => assertHlcWithinDrift(stamp(MIN_WALL_MS - 1), start)).toThrow(clockSkew('behind'));
  });
});
