import type { Readable } from 'node:stream';
import type { Part } from '@aws-sdk/client-s3';
import type { InitializeHandler, InitializeHandlerArguments, InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { S3Store, type MetadataValue, type Options } from '@tus/s3-store';
import { ERRORS } from '@tus/server';
import pLimit from 'p-limit';
import { PendingWrites } from './pending-writes';
import { writeParts } from './s3-parts';
import type { UploadHashes } from './upload-hashes';
import { uploadRequest } from './upload-request';

/** S3 error names that mean the object or multipart upload is not there (HEAD answers carry no code: NotFound). */
const MISSING = new Set(['NoSuchKey', 'NoSuchUpload', 'NotFound']);

export function isMissing(err: unknown): boolean {
  return err instanceof Error && (MISSING.has(err.name) || (err as Partial<MetadataBearer>).$metadata?.httpStatusCode === 404);
}

/**
 * How many writes one process runs at once. Each keeps the part it is sending in memory (8 MB for any
 * upload the studio sends), so 16 bound that to 128 MB however many schools upload at the same time.
 * A write past them waits before it reads a byte, its request's body held back by TCP meanwhile.
 */
const WRITES_AT_ONCE = 16;

/**
 * @tus/s3-store, unchanged in how it talks to S3, with its objects under `<prefix>uploads/`. The store
 * keeps every upload's state in the bucket (`<id>.info` for its metadata, the S3 multipart upload for
 * its parts, `<id>.part` for a tail shorter than a part), so any hub process can answer for and resume
 * an upload another one started. The store names objects by upload id alone, so a middleware on its
 * S3 client puts them under the prefix. Each write's bytes are hashed on their way in
 * (upload-hashes.ts), so a finished upload need not be read back to be verified.
 */
export class S3UploadStore extends S3Store {
  private readonly writes = new PendingWrites();
  private readonly writing = pLimit(WRITES_AT_ONCE);
  /** Per upload being written in this process: where its request's body ends in it, when the request said. */
  private readonly bodyEnds = new Map<string, number | null>();

  constructor(
    private readonly keyPrefix: string,
    private readonly hashes: UploadHashes,
    options: Options,
  ) {
    super(options);
    this.client.middlewareStack.add(underPrefix(keyPrefix), { step: 'initialize', name: 'tusUploadsUnderPrefix' });
  }

  /** The S3 key of a finished upload's bytes. */
  keyOf(id: string): string {
    return this.keyPrefix + id;
  }

  /** Who started an upload (kept in its metadata), or null when there is no such upload. */
  async uploaderOf(id: string): Promise<string | null> {
    try {
      const { file } = await this.getMetadata(id);
      return String(file.metadata?.uploaderId ?? '');
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  /**
   * Deletes an upload whether or not its multipart upload is still open: the store's own `remove`
   * gives up on a finished one (S3 answers NoSuchUpload to the abort) and leaves its objects behind.
   */
  override async remove(id: string): Promise<void> {
    let uploadId: string | undefined;
    try {
      uploadId = (await this.getMetadata(id))['upload-id'];
    } catch (err) {
      if (isMissing(err)) throw ERRORS.FILE_NOT_FOUND;
      throw err;
    }
    if (uploadId) {
      await this.client.abortMultipartUpload({ Bucket: this.bucket, Key: id, UploadId: uploadId }).catch((err: unknown) => {
        if (!isMissing(err)) throw err;
      });
    }
    await this.client.deleteObjects({
      Bucket: this.bucket,
      Delete: { Objects: [{ Key: id }, { Key: this.infoKey(id) }, { Key: this.partKey(id, true) }], Quiet: true },
    });
    await this.clearCache(id);
    await this.hashes.forget(id);
  }

  override write(src: Readable, id: string, offset: number): Promise<number> {
    const length = uploadRequest()?.takeBodyLength() ?? null;
    this.bodyEnds.set(id, length === null ? null : offset + length);
    const write = this.hashedWrite(src, id, offset).finally(() => this.bodyEnds.delete(id));
    return this.writes.track(write);
  }

  /** The write's parts, streamed on (or gathered in memory) rather than through a temporary file each. */
  protected override async uploadParts(
    metadata: MetadataValue,
    source: Readable,
    firstPartNumber: number,
    offset: number,
  ): Promise<number> {
    const id = metadata.file.id;
    uploadRequest()?.forget(id);
    const bodyEnd = this.bodyEnds.get(id) ?? null;
    const plan = {
      partSize: this.calcOptimalPartSize(metadata.file.size),
      minPartSize: this.minPartSize,
      uploadSize: metadata.file.size ?? Number.MAX_SAFE_INTEGER,
      offset,
      end: bodyEnd,
      firstPartNumber,
    };
    return this.writing(() =>
      writeParts(source, plan, {
        part: async (PartNumber, Body, ContentLength, abortSignal) => {
          const params = { Bucket: this.bucket, Key: id, UploadId: metadata['upload-id'], PartNumber, Body, ContentLength };
          await this.client.uploadPart(params, { abortSignal });
        },
        tail: async (Body) => {
          await this.client.putObject({ Bucket: this.bucket, Key: this.partKey(id, true), Body, Tagging: this.useCompleteTag('false') });
        },
      }),
    );
  }

  /** ListParts once per request (tus's offset check and the write both ask), not twice. */
  protected override async retrieveParts(id: string, partNumberMarker?: string): Promise<Part[]> {
    const request = uploadRequest();
    if (partNumberMarker !== undefined || !request) return super.retrieveParts(id, partNumberMarker);
    const known = request.parts.get(id) as Part[] | undefined;
    if (known) return [...known];
    const parts = await super.retrieveParts(id);
    request.parts.set(id, parts);
    return [...parts];
  }

  /** The tail's size once per request; the write does not ask for a tail the offset check found missing. */
  protected override async getIncompletePartSize(id: string): Promise<number | undefined> {
    const request = uploadRequest();
    if (request?.tailSizes.has(id)) return request.tailSizes.get(id);
    const size = await super.getIncompletePartSize(id);
    request?.tailSizes.set(id, size);
    return size;
  }

  protected override async getIncompletePart(id: string): Promise<Readable | undefined> {
    const request = uploadRequest();
    if (request?.tailSizes.has(id) && request.tailSizes.get(id) === undefined) return undefined;
    return super.getIncompletePart(id);
  }

  /**
   * The store's write, with the request's bytes hashed as they go in (before the store puts the
   * upload's stored tail, `<id>.part`, in front of them: those bytes are in the hash already).
   */
  private async hashedWrite(src: Readable, id: string, offset: number): Promise<number> {
    const hashed = await this.hashes.begin(id, offset);
    if (!hashed) return super.write(src, id, offset);
    let newOffset: number;
    try {
      newOffset = await super.write(hashed.through(src), id, offset);
    } catch (err) {
      await hashed.abandon();
      throw err;
    }
    await hashed.finish(newOffset);
    return newOffset;
  }

  /** The sha256 of a finished upload's `size` bytes from its running hash, or null when it must be read back. */
  runningDigest(id: string, size: number): Promise<string | null> {
    return this.hashes.digest(id, size);
  }

  /** Expired uploads, and the running hashes of abandoned ones. */
  override async deleteExpired(): Promise<number> {
    const deleted = await super.deleteExpired();
    await this.hashes.prune(this.getExpiration());
    return deleted;
  }

  async close(): Promise<void> {
    await this.writes.settled();
    await this.hashes.close();
    this.client.destroy();
  }
}

/** Prefixes every key the store names (and strips it from the keys it lists back). */
function underPrefix(prefix: string): InitializeMiddleware<object, MetadataBearer> {
  return (next: InitializeHandler<object, MetadataBearer>, context) => async (args: InitializeHandlerArguments<object>) => {
    const input = { ...(args.input as Record<string, unknown>) };
    if (typeof input.Key === 'string') input.Key = prefix + input.Key;
    const deletion = input.Delete as { Objects?: { Key?: string }[] } | undefined;
    if (deletion?.Objects) {
      input.Delete = { ...deletion, Objects: deletion.Objects.map((o) => ({ ...o, Key: prefix + (o.Key ?? '') })) };
    }
    const listing = context.commandName === 'ListMultipartUploadsCommand';
    if (listing) input.Prefix = prefix;
    const result = await next({ ...args, input });
    const output = result.output as { Uploads?: { Key?: string }[] };
    if (listing && output.Uploads) {
      output.Uploads = output.Uploads.map((u) => ({ ...u, Key: u.Key?.slice(prefix.length) }));
    }
    return result;
  };
}
