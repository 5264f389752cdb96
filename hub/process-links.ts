import { LocalNoticeChannel, type NoticeChannel } from './events/notices';
import { PostgresNoticeChannel } from './events/postgres-notices';
import { MemoryLocker, type Locker } from '@tus/server';
import { AdvisoryBlobLock } from './media/advisory-lock';
import { AdvisoryUploadLocker } from './media/advisory-upload-locker';
import { KeyedLock, type BlobLock } from './media/keyed-lock';

/**
 * What the processes of one hub share besides their tables: the blob lock, tus's lock on each upload
 * and the channel for live notices. On SQLite there is one process and all stay in its memory; on
 * PostgreSQL all go through the database, so any number of processes can serve the same hub.
 */
export interface ProcessLinks {
  blobLock: BlobLock;
  uploadLocker: Locker;
  notices: NoticeChannel;
  close(): Promise<void>;
}

export async function linkProcesses(databaseUrl: string | undefined, onError: (err: unknown) => void): Promise<ProcessLinks> {
  if (!databaseUrl) {
    const links = { blobLock: new KeyedLock(), uploadLocker: new MemoryLocker(), notices: new LocalNoticeChannel() };
    return { ...links, close: async () => undefined };
  }
  const notices = new PostgresNoticeChannel(databaseUrl, onError);
  await notices.start();
  const blobLock = new AdvisoryBlobLock(databaseUrl);
  const uploadLocker = new AdvisoryUploadLocker(databaseUrl);
  return {
    blobLock,
    uploadLocker,
    notices,
    close: async () => {
      await notices.close();
      await blobLock.close();
      await uploadLocker.close();
    },
  };
}
