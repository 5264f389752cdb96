import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createSHA256, type IHasher } from 'hash-wasm';
import type { HubDb } from '../db/open';
import { HashThread, type ThreadHash } from './hash-thread';
import { breakHash, claimHash, forgetHash, pruneHashes, saveHash, savedHash, type SavedHash } from './upload-hash-queries';

/**
 * The running sha256 of uploads into S3, kept in the hub database so that whichever hub process takes
 * an upload's next chunk continues it, and a finished upload is verified without reading it back.
 * Node's own sha256 cannot save its state; hash-wasm's can (its state holds up to one block of the
 * upload's bytes, so it is kept as privately as the database itself).
 *
 * It is trusted only while every write to the upload extended it in turn: a write claims it (only at
 * the offset it covers, and only when no other write holds it), hashes the request's bytes on their
 * way into the store, and saves it once the store has taken exactly those bytes. A write that could
 * not claim it, failed, or whose stored bytes do not add up, breaks it for good; the upload is then
 * read back. A write that died holding it leaves it held, which is as good as broken.
 */
export class UploadHashes {
  private readonly thread = new HashThread();

  constructor(
    private readonly db: HubDb,
    private readonly now: () => number = Date.now,
  ) {}

  /** A write of the upload's bytes from `offset` on, hashed as they pass, or null when its hash cannot be continued. */
  async begin(uploadId: string, offset: number): Promise<HashedWrite | null> {
    const writer = randomUUID();
    const saved = await claimHash(this.db, uploadId, offset, writer, this.now());
    if (!saved) return null;
    const hash = await this.thread.begin(saved.state).catch(() => null);
    if (!hash) {
      await breakHash(this.db, uploadId, this.now());
      return null;
    }
    return new HashedWrite(this.db, this.now, uploadId, writer, offset, hash);
  }

  /** The sha256 of the upload's `size` bytes from its running hash, or null when that does not cover exactly them. */
  async digest(uploadId: string, size: number): Promise<string | null> {
    const saved = await savedHash(this.db, uploadId);
    if (saved?.hashedBytes !== size) return null;
    return (await resume(saved))?.digest('hex') ?? null;
  }

  forget(uploadId: string): Promise<void> {
    return forgetHash(this.db, uploadId);
  }

  /** Forgets the hashes of uploads untouched for `ageMs` (abandoned; their uploads expire too). */
  prune(ageMs: number): Promise<void> {
    return pruneHashes(this.db, this.now() - ageMs);
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

/** One write's bytes, hashed (on the hash thread) on their way to the store. */
export class HashedWrite {
  private bytes = 0;

  constructor(
    private readonly db: HubDb,
    private readonly now: () => number,
    private readonly uploadId: string,
    private readonly writer: string,
    private readonly offset: number,
    private readonly hash: ThreadHash,
  ) {}

  /** The request's bytes as they are, each hashed as the store reads it. */
  through(source: Readable): Readable {
    return Readable.from(this.hashing(source), { objectMode: false });
  }

  private async *hashing(source: Readable): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      await this.hash.update(chunk as Buffer);
      this.bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }

  /**
   * The store took the write and now holds `newOffset` bytes: saves the hash if that is exactly what
   * passed through it. Never throws: the bytes are stored whatever happens here, and a hash left
   * unsaved is merely not used.
   */
  async finish(newOffset: number): Promise<void> {
    try {
      if (this.offset + this.bytes !== newOffset) {
        await breakHash(this.db, this.uploadId, this.now());
        return;
      }
      const state = await this.hash.save();
      await saveHash(this.db, this.uploadId, this.writer, { hashedBytes: newOffset, state }, this.now());
    } catch {
      // Left held by this write, the hash is never used: the upload is read back instead.
    }
  }

  /** The write failed: what the store kept of it is unknown, so the hash is broken (held, if even that fails). */
  async abandon(): Promise<void> {
    this.hash.drop();
    await breakHash(this.db, this.uploadId, this.now()).catch(() => undefined);
  }
}

/** A hasher at the saved state, or null when the state is not one this hash-wasm can load. */
async function resume(saved: SavedHash): Promise<IHasher | null> {
  const hasher = await createSHA256();
  if (saved.state === null) return hasher.init();
  try {
    return hasher.load(Buffer.from(saved.state, 'base64'));
  } catch {
    return null;
  }
}
