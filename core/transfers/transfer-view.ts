import type { Transfer } from '../../common/schemas/sync';
import type { StoredTransfer } from './queries';

/** A transfer as the UI sees it; the rate and time left are filled in only while bytes move. */
export const toTransfer = (t: StoredTransfer & { lessonTitle: string }): Transfer => ({
  id: t.id,
  direction: t.direction,
  lessonId: t.lessonId,
  lessonTitle: t.lessonTitle,
  role: t.role,
  sizeBytes: t.sizeBytes,
  doneBytes: t.doneBytes,
  state: t.state,
  errorCode: t.errorCode,
  updatedAt: t.updatedAt,
  bytesPerSecond: null,
  secondsLeft: null,
});

/** A transfer while bytes move: how far it got, and the rate and time left when there is a rate yet. */
export function movingTransfer(
  t: StoredTransfer & { lessonTitle: string },
  done: number,
  total: number,
  bytesPerSecond: number | null,
): Transfer {
  const secondsLeft = bytesPerSecond ? Math.max(0, total - done) / bytesPerSecond : null;
  return { ...toTransfer(t), doneBytes: done, sizeBytes: total, bytesPerSecond, secondsLeft };
}
