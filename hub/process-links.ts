import { LocalNoticeChannel, type NoticeChannel } from './events/notices';
import { PostgresNoticeChannel } from './events/postgres-notices';
import { AdvisoryBlobLock } from './media/advisory-lock';
import { KeyedLock, type BlobLock } from './media/keyed-lock';

/**
 * What the processes of one hub share besides their tables: the blob lock and the channel for live
 * notices. On SQLite there is one process and both stay in its memory; on PostgreSQL both go through
 * the database, so any number of processes can serve the same hub.
 */
export interface ProcessLinks {
  blobLock: BlobLock;
  notices: NoticeChannel;
  close(): Promise<void>;
}

export async function linkProcesses(databaseUrl: string | undefined, onError: (err: unknown) => void): Promise<ProcessLinks> {
  if (!databaseUrl) {
    const links = { blobLock: new KeyedLock(), notices: new LocalNoticeChannel() };
    return { ...links, close: async () => undefined };
  }
  const notices = new PostgresNoticeChannel(databaseUrl, onError);
  await notices.start();
  const blobLock = new AdvisoryBlobLock(databaseUrl);
  return {
    blobLock,
    notices,
    close: async () => {
      await notices.close();
      await blobLock.close();
    },
  };
}
