import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Throttle } from '../../../core/transfers/throttle';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the bandwidth limit', () => {
  it('lets bytes through at the set rate after at most one second of allowance', async () => {
    let now = 0;
    const throttle = new Throttle(
      () => 100_000,
      () => now,
    );
    now = 10_000;
    let passed = 0;
    const send = async (n: number) => {
      await throttle.take(n);
      passed += n;
    };
    // A second's worth goes at once (nothing was sent for a while), the rest waits its turn.
    void send(100_000);
    void send(50_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(passed).toBe(100_000);
    now += 499;
    await vi.advanceTimersByTimeAsync(499);
    expect(passed).toBe(100_000);
    now += 1;
    await vi.advanceTimersByTimeAsync(1);
    expect(passed).toBe(150_000);
  });

  it('does not wait at all without a limit, and follows the setting as it changes', async () => {
    let rate = 0;
    const now = 5000;
    const throttle = new Throttle(
      () => rate,
      () => now,
    );
    await throttle.take(10 * 1024 * 1024);
    rate = 1000;
    let done = false;
    void throttle.take(3000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});
