import { chmod } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileConfigstore, FileStore, type Configstore } from '@tus/file-store';
import type { Upload } from '@tus/server';
import { PRIVATE_FILE_MODE } from '../private-files';
import { PendingWrites } from './pending-writes';
import { UploadHasher } from './upload-hasher';

/** Upload records kept in memory at most (the oldest is read from disk again when next needed). */
const MAX_CACHED = 1000;

/**
 * The tus file store, with each upload hashed on another thread as its chunks land (so finishing a
 * 200 MB upload does not read it all back), its JSON record read from disk once rather than on
 * every request, and both files private to the hub (tus creates them under the umask).
 */
export class UploadFileStore extends FileStore {
  private readonly hasher = new UploadHasher();
  private readonly writes = new PendingWrites();

  constructor(options: { directory: string; expirationPeriodInMilliseconds: number }) {
    super({ ...options, configstore: new CachedConfigstore(new PrivateFileConfigstore(options.directory)) });
  }

  override async create(upload: Upload): Promise<Upload> {
    const created = await super.create(upload);
    await chmod(this.file(upload.id), PRIVATE_FILE_MODE);
    return created;
  }

  private file(id: string): string {
    return path.join(this.directory, id);
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const newOffset = await this.writes.track(super.write(readable, id, offset));
    this.hasher.advance(id, this.file(id), newOffset);
    return newOffset;
  }

  /** The sha256 of the upload's `size` bytes, from the running hash when there is one. */
  sha256(id: string, size: number): Promise<string> {
    return this.hasher.digest(id, this.file(id), size);
  }

  override async remove(id: string): Promise<void> {
    this.hasher.forget(id);
    await super.remove(id);
  }

  async close(): Promise<void> {
    await this.writes.settled();
    await this.hasher.close();
  }
}

/** tus's JSON records, closed up as soon as they are written (first written when an upload is created). */
class PrivateFileConfigstore extends FileConfigstore {
  constructor(private readonly dir: string) {
    super(dir);
  }

  override async set(key: string, value: Upload): Promise<void> {
    await super.set(key, value);
    await chmod(path.join(this.dir, `${key}.json`), PRIVATE_FILE_MODE);
  }
}

/**
 * Each upload's JSON record read from disk once, not on every request that touches it; writes go through.
 * Safe with several hub processes on one media folder: the record never changes after creation (the
 * hub requires Upload-Length; the offset is the file's size, read each time), and a record another
 * process deleted leaves a cached copy whose file is gone, which tus answers as not found.
 */
class CachedConfigstore implements Configstore {
  private readonly cache = new Map<string, Upload>();

  constructor(private readonly inner: Configstore) {}

  async get(key: string): Promise<Upload | undefined> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const value = await this.inner.get(key);
    if (value) this.remember(key, value);
    return value;
  }

  async set(key: string, value: Upload): Promise<void> {
    await this.inner.set(key, value);
    this.remember(key, value);
  }

  async delete(key: string): Promise<void> {
    this.cache.delete(key);
    await this.inner.delete(key);
  }

  async list(): Promise<string[]> {
    return (await this.inner.list?.()) ?? [];
  }

  private remember(key: string, value: Upload): void {
    this.cache.set(key, value);
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
  }
}
