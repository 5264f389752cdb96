/**
 * Writes to an upload store still under way. A request the hub cut off mid-body (when stopping)
 * still stores what arrived; closing the store waits for that, or the tail could land after another
 * process (or this hub, started again) has told the studio the upload's offset, and the studio's next
 * chunk would be refused as a conflict.
 */
export class PendingWrites {
  private readonly writing = new Set<Promise<unknown>>();

  track<T>(write: Promise<T>): Promise<T> {
    this.writing.add(write);
    const settled = () => this.writing.delete(write);
    write.then(settled, settled);
    return write;
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.writing]);
  }
}
