import type { InitializeHandler, InitializeHandlerArguments, InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { S3Store, type Options } from '@tus/s3-store';
import { ERRORS } from '@tus/server';
import { PendingWrites } from './pending-writes';

/** S3 error names that mean the object or multipart upload is not there (HEAD answers carry no code: NotFound). */
const MISSING = new Set(['NoSuchKey', 'NoSuchUpload', 'NotFound']);

export function isMissing(err: unknown): boolean {
  return err instanceof Error && (MISSING.has(err.name) || (err as Partial<MetadataBearer>).$metadata?.httpStatusCode === 404);
}

/**
 * @tus/s3-store, unchanged in how it talks to S3, with its objects under `<prefix>uploads/`. The store
 * keeps every upload's state in the bucket (`<id>.info` for its metadata, the S3 multipart upload for
 * its parts, `<id>.part` for a tail shorter than a part), so any hub process can answer for and resume
 * an upload another one started. The store names objects by upload id alone, so a middleware on its
 * S3 client puts them under the prefix.
 */
export class S3UploadStore extends S3Store {
  private readonly writes = new PendingWrites();

  constructor(
    private readonly keyPrefix: string,
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
  }

  override write(src: Parameters<S3Store['write']>[0], id: string, offset: number): Promise<number> {
    return this.writes.track(super.write(src, id, offset));
  }

  async close(): Promise<void> {
    await this.writes.settled();
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
