import { createReadStream } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { access, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataStore } from '@tus/server';
import { StudioError } from '../../common/errors';
import { ensurePrivateDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files';
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
  commit(uploadId: string, size: number, sha256: string): Promise<CommitResult>;
  read(sha256: string, range?: { start: number; end: number }): Readable;
  remove(sha256: string): Promise<void>;
  /** Every stored blob (for copying a hub's media elsewhere). */
  list(): AsyncIterable<{ sha256: string; size: number }>;
  has(sha256: string): Promise<boolean>;
  /** Stores `size` bytes as blob `sha256`, checking both as they arrive; a mismatch stores nothing and throws. */
  put(sha256: string, stream: Readable, size: number): Promise<void>;
  /** Throws unless the store can be reached and written (the health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** How a finished upload ended, and whether it had to be read back whole to be verified (its running hash could not be used). */
export interface CommitResult {
  outcome: 'stored' | 'mismatch';
  readBack: boolean;
}

const SHA256 = /^[0-9a-f]{64}$/;

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

  async commit(uploadId: string, size: number, sha256: string): Promise<CommitResult> {
    const source = path.join(this.uploadsDir, uploadId);
    // The running hash reads on from what it has hashed (from the first byte after a restart).
    const readBack = false;
    if ((await this.uploads.sha256(uploadId, size)) !== sha256) {
      await this.uploads.remove(uploadId);
      return { outcome: 'mismatch', readBack };
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
    return { outcome: 'stored', readBack };
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    // 1 MiB reads: the default 64 KiB costs a download several times the CPU.
    return createReadStream(this.blobPath(sha256), { ...range, highWaterMark: 1024 * 1024 });
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.blobPath(sha256), { force: true });
  }

  async *list(): AsyncIterable<{ sha256: string; size: number }> {
    for (const prefix of (await readdir(this.blobsDir)).sort()) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of (await readdir(path.join(this.blobsDir, prefix))).sort()) {
        if (!SHA256.test(name)) continue;
        yield { sha256: name, size: (await stat(path.join(this.blobsDir, prefix, name))).size };
      }
    }
  }

  has(sha256: string): Promise<boolean> {
    return exists(this.blobPath(sha256));
  }

  async put(sha256: string, stream: Readable, size: number): Promise<void> {
    const target = this.blobPath(sha256);
    await mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
    const part = `${target}.${randomBytes(6).toString('hex')}.part`;
    const hash = createHash('sha256');
    let written = 0;
    try {
      await pipeline(
        stream,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            written += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(part, { mode: PRIVATE_FILE_MODE }),
      );
      if (written !== size || hash.digest('hex') !== sha256) throw new StudioError('hash_mismatch', { expected: sha256 });
      // Flushed before the rename, as in commit(): a blob under its name is complete.
      const handle = await open(part, 'r+');
      await handle.sync();
      await handle.close();
      await rename(part, target);
    } finally {
      await rm(part, { force: true });
    }
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
