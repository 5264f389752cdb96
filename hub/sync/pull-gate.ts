import pLimit from 'p-limit';

/** Pull pages a process reads from the database at once; more wait their turn. */
const PAGES_AT_ONCE = 2;
/** The longest a page waits for pushes before it is read anyway. */
const MAX_WAIT_MS = 1_000;

/**
 * Pushes first, pull pages after. A push is a handful of short statements, and its lag is a teacher
 * waiting to see "safely on the hub"; a page is the heavy read (up to 1,000 ops joined into one text)
 * of a studio catching up in the background. When hundreds of studios sync at once, this process
 * reads two pages at a time, and a page first waits for the pushes the process was applying when the
 * page's turn came (not for pushes that arrive after it, so a steady stream of pushes delays each page
 * by about one push, never starves it; and never longer than a second). The waiting happens here, in
 * memory, not in the database or its connection pool.
 */
export class PullGate {
  /** The pushes under way, each as a promise that settles when it ends, however it ends. */
  private readonly pushing = new Set<Promise<void>>();
  private readonly reading = pLimit(PAGES_AT_ONCE);

  async push<T>(work: () => Promise<T>): Promise<T> {
    const pushed = work();
    const ended = pushed.then(
      () => undefined,
      () => undefined,
    );
    this.pushing.add(ended);
    try {
      return await pushed;
    } finally {
      this.pushing.delete(ended);
    }
  }

  page<T>(work: () => Promise<T>): Promise<T> {
    return this.reading(async () => {
      if (this.pushing.size > 0) await this.pushesUnderWay();
      return work();
    });
  }

  private async pushesUnderWay(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, MAX_WAIT_MS)));
    await Promise.race([Promise.all(this.pushing), giveUp]);
    clearTimeout(timer);
  }
}
