/** Serialises storing and removing the same blob (keyed by sha256), so one is never removed while being stored. */
export interface BlobLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Tasks for the same key one after another, within this process: enough when one process owns the blobs (SQLite). */
export class KeyedLock implements BlobLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(task);
    this.tails.set(key, current);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === current) this.tails.delete(key);
    }
  }

  async close(): Promise<void> {}
}
