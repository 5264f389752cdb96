/** How much of the past the speed is measured over: long enough to smooth a bursty link, short enough to follow a change. */
const WINDOW_MS = 10_000;
/** Less than this much history says nothing useful yet. */
const MIN_SPAN_MS = 1_000;

/** A transfer's speed over its last few seconds, for "32 kB/s · about 2 minutes left". */
export class RateMeter {
  private samples: Array<{ at: number; bytes: number }> = [];

  add(at: number, bytes: number): void {
    // A resumed transfer starts again from what the other side holds: the old history no longer applies.
    if (bytes < (this.samples.at(-1)?.bytes ?? 0)) this.samples = [];
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && this.samples[1]!.at <= at - WINDOW_MS) this.samples.shift();
  }

  bytesPerSecond(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at - first.at < MIN_SPAN_MS) return null;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }
}
