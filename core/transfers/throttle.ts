import { Transform, type TransformCallback } from 'node:stream';

/**
 * A token bucket shared by every transfer, so the bandwidth limit holds for uploads and downloads
 * together. The rate is read on each use: changing the setting takes effect mid-transfer.
 */
export class Throttle {
  private tokens = 0;
  private last = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly bytesPerSecond: () => number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves once `bytes` may be sent; at once when there is no limit. */
  take(bytes: number): Promise<void> {
    const next = this.queue.then(() => this.wait(bytes));
    this.queue = next;
    return next;
  }

  private async wait(bytes: number): Promise<void> {
    const rate = this.bytesPerSecond();
    if (rate <= 0) return;
    const t = this.now();
    // At most one second of unused allowance builds up, so a pause is not followed by a burst.
    this.tokens = Math.min(rate, this.tokens + ((t - this.last) / 1000) * rate);
    this.last = t;
    this.tokens -= bytes;
    if (this.tokens < 0) await new Promise((resolve) => setTimeout(resolve, (-this.tokens / rate) * 1000));
  }
}

/** Passes bytes through at the throttle's pace and reports each chunk that went by. */
export function throttled(throttle: Throttle, onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      throttle.take(chunk.length).then(() => {
        onBytes(chunk.length);
        done(null, chunk);
      }, done);
    },
  });
}
