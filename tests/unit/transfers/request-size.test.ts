import { describe, expect, it } from 'vitest';
import { FIRST_REQUEST_BYTES, RequestSizer } from '../../../core/transfers/request-size';
import { RateMeter } from '../../../core/transfers/rate';

describe('upload request sizes follow the link', () => {
  it('starts small, then sizes each request to the speed the last one reached, within the maximum', () => {
    let now = 0;
    const sizer = new RequestSizer(8 * 1024 * 1024, () => now);
    expect(sizer.bytes).toBe(FIRST_REQUEST_BYTES);
    now += 2000; // 64 KiB in 2 s: a 256 kbit/s link
    sizer.accepted(FIRST_REQUEST_BYTES);
    expect(sizer.bytes).toBeGreaterThan(40 * 1024);
    expect(sizer.bytes).toBeLessThan(64 * 1024);
    now += 1; // the link got fast: the next request grows to the maximum at once
    sizer.accepted(sizer.bytes);
    expect(sizer.bytes).toBe(8 * 1024 * 1024);
    now += 60_000; // and very slow again: never below the floor
    sizer.accepted(1024);
    expect(sizer.bytes).toBe(16 * 1024);
  });
});

describe('transfer speed', () => {
  it('says nothing before a second of history, then the speed over the last ten seconds', () => {
    const meter = new RateMeter();
    meter.add(0, 0);
    meter.add(500, 16_000);
    expect(meter.bytesPerSecond()).toBeNull();
    for (let at = 1000; at <= 30_000; at += 1000) meter.add(at, at < 20_000 ? at * 32 : 640_000 + (at - 20_000) * 8);
    expect(meter.bytesPerSecond()).toBeCloseTo(8000, -2);
  });

  it('starts again when a resumed transfer goes back to what the other side holds', () => {
    const meter = new RateMeter();
    meter.add(0, 0);
    meter.add(5000, 100_000);
    meter.add(6000, 60_000);
    expect(meter.bytesPerSecond()).toBeNull();
  });
});
