import { createReadStream } from 'node:fs';
import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/server';
import { ensurePrivateDir, PRIVATE_DIR_MODE } from '../private-files';
import { UploadFileStore } from './upload-file-store';

/**
 * Where media lives on the hub: uploads in progress behind the tus `DataStore` interface, finished
 * ones as content-addressed blobs. The file implementation keeps both under the data folder; an
 * S3-compatible one can implement the same interface with @tus/s3-store.
 */
export interface BlobStore {
  readonly uploads: DataStore;
  /** Who started an upload (kept in its metadata), or null when there is no such upload. */
  uploaderOf(uploadId: string): Promise<string | null>;
  /** Checks a finished upload's hash; if it matches `sha256` it becomes that blob, otherwise it is deleted. */
  commit(uploadId: string, size: number, sha256: string): Promise<'stored' | 'mismatch'>;
  read(sha256: string, range?: { start: number; end: number }): Readable;
  remove(sha256: string): Promise<void>;
  /** Throws unless the store can be reached and written (the health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** An upload left unfinished this long is deleted; resuming it later starts over. */
export const UPLOAD_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;

export class FileBlobStore implements BlobStore {
  readonly uploads: UploadFileStore;

  constructor(
    private readonly uploadsDir: string,
    private readonly blobsDir: string,
  ) {
    ensurePrivateDir(uploadsDir);
    ensurePrivateDir(blobsDir);
    this.uploads = new UploadFileStore({ directory: uploadsDir, expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS });
  }

  async uploaderOf(uploadId: string): Promise<string | null> {
    const upload = await this.uploads.configstore.get(uploadId);
    return upload ? String(upload.metadata?.uploaderId ?? '') : null;
  }

  private blobPath(sha256: string): string {
    return path.join(this.blobsDir, sha256.slice(0, 2), sha256);
  }

  async commit(uploadId: string, size: number, sha256: string): Promise<'stored' | 'mismatch'> {
    const source = path.join(this.uploadsDir, uploadId);
    if ((await this.uploads.sha256(uploadId, size)) !== sha256) {
      await this.uploads.remove(uploadId);
      return 'mismatch';
    }
    const target = this.blobPath(sha256);
    if (await exists(target)) {
      await rm(source, { force: true });
    } else {
      // Flushed before the rename, so a blob that exists under its name is complete even after a crash.
      const handle = await open(source, 'r+');
      await handle.sync();
      await handle.close();
      await mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
      await rename(source, target);
    }
    await this.uploads.configstore.delete(uploadId);
    return 'stored';
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    // 1 MiB reads: the default 64 KiB costs a download several times the CPU.
    return createReadStream(this.blobPath(sha256), { ...range, highWaterMark: 1024 * 1024 });
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.blobPath(sha256), { force: true });
  }

  async ping(): Promise<void> {
    await access(this.blobsDir, constants.R_OK | constants.W_OK);
    await access(this.uploadsDir, constants.R_OK | constants.W_OK);
  }

  async close(): Promise<void> {
    await this.uploads.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
