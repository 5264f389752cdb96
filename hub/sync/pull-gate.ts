import pLimit from 'p-limit';

/** Pull pages a process reads from the database at once; more wait their turn. */
const PAGES_AT_ONCE = 2;
/** The longest a page waits for this process's pushes to finish before it is read anyway. */
const MAX_WAIT_MS = 1_000;

/**
 * Pushes first, pull pages after. A push is a handful of short statements, and its lag is a teacher
 * waiting to see "safely on the hub"; a page is the heavy read (up to 1,000 ops joined into one text)
 * of a studio catching up in the background. When hundreds of studios sync at once, this process
 * reads two pages at a time, and a page waits while the process is applying pushes (never longer than
 * a second, so a steady stream of pushes cannot starve the pulls). The waiting happens here, in
 * memory, not in the database or its connection pool.
 */
export class PullGate {
  private pushing = 0;
  private waiting: Array<() => void> = [];
  private readonly reading = pLimit(PAGES_AT_ONCE);

  async push<T>(work: () => Promise<T>): Promise<T> {
    this.pushing += 1;
    try {
      return await work();
    } finally {
      this.pushing -= 1;
      if (this.pushing === 0) for (const go of this.waiting.splice(0)) go();
    }
  }

  page<T>(work: () => Promise<T>): Promise<T> {
    return this.reading(async () => {
      await this.pushesDone();
      return work();
    });
  }

  private pushesDone(): Promise<void> {
    if (this.pushing === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const go = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== go);
        resolve();
      }, MAX_WAIT_MS);
      this.waiting.push(go);
    });
  }
}
