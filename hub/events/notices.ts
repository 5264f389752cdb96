import { z } from 'zod';

/** What one hub process tells all of them (itself included): ops landed, or a person signed out everywhere. */
export const noticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ops'), community: z.string(), seq: z.number().int() }),
  z.object({ type: z.literal('signed-out'), userId: z.string() }),
]);
export type Notice = z.infer<typeof noticeSchema>;

/** How notices travel between the processes of one hub. */
export interface NoticeChannel {
  publish(notice: Notice): Promise<void>;
  /** The one listener (the process's EventHub), called for every notice, its own included. */
  listen(listener: (notice: Notice) => void): void;
  close(): Promise<void>;
}

/** A single process (SQLite): a notice goes straight to its listener. */
export class LocalNoticeChannel implements NoticeChannel {
  private listener: (notice: Notice) => void = () => undefined;

  async publish(notice: Notice): Promise<void> {
    this.listener(notice);
  }

  listen(listener: (notice: Notice) => void): void {
    this.listener = listener;
  }

  async close(): Promise<void> {}
}
