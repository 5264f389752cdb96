/**
 * Why the queue aborted a running transfer, read back when its request ends: `stop`, the studio is
 * closing (the row stays running and resumes on the next start); `pause`, the person paused it (already
 * marked); `gone`, its lesson left the library (queued again if, after all, it stayed).
 */
export type AbortReason = 'stop' | 'pause' | 'gone';
export class TransferAborted extends Error {
  constructor(readonly reason: AbortReason) {
    super(reason);
  }
}
