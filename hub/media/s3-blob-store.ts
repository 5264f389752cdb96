import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { StudioError } from '../../common/errors';
import type { HubDb } from '../db/open';
import { UPLOAD_EXPIRY_MS, type BlobStore, type CommitResult } from './blob-store';
import { describeS3Failure } from './s3-failure';
import { isMissing, S3UploadStore } from './s3-uploads';
import type { S3Location } from './s3-url';
import { UploadHashes } from './upload-hashes';

/** The largest object one CopyObject makes; a larger blob would need a multipart copy, which this store does not do. */
export const MAX_S3_BLOB_BYTES = 5 * 1024 * 1024 * 1024;

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Media in S3-compatible object storage. Uploads in progress are @tus/s3-store's (an S3 multipart
 * upload per tus upload, its state in the bucket under `<prefix>uploads/`, so a resumed upload may
 * reach any hub process). A finished one is verified by its running hash, kept in the hub database
 * as its bytes came in (upload-hashes.ts), or where that does not cover exactly the whole upload by
 * reading it back once and hashing it (one GET of the whole object), then copied server-side to its content
 * address `<prefix>blobs/ab/<sha256>` and its upload objects deleted: a blob's key exists only once
 * the whole verified object is stored, as S3 makes an object visible only when its write is complete.
 * Downloads are ranged GETs streamed through the hub, so membership is checked on every request and
 * the bucket stays private.
 */
export class S3BlobStore implements BlobStore {
  readonly uploads: S3UploadStore;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly blobsPrefix: string;

  constructor(
    private readonly location: S3Location,
    db: HubDb,
  ) {
    const config = clientConfig(location);
    this.client = new S3Client(config);
    this.bucket = location.bucket;
    this.blobsPrefix = `${location.prefix}blobs/`;
    this.uploads = new S3UploadStore(`${location.prefix}uploads/`, new UploadHashes(db), {
      s3ClientConfig: { ...config, bucket: location.bucket },
      expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS,
      // Expiry is the hub's hourly sweep (listing multipart uploads), not bucket lifecycle tags.
      useTags: false,
    });
  }

  /** Opens the store and checks the bucket answers, so a wrong URL or credentials stop the hub at start-up. */
  static async open(location: S3Location, maxUploadBytes: number, db: HubDb): Promise<S3BlobStore> {
    if (maxUploadBytes > MAX_S3_BLOB_BYTES) {
      throw new Error(`uploads to S3 are at most ${MAX_S3_BLOB_BYTES / (1024 * 1024)} MB (one CopyObject makes each blob)`);
    }
    const store = new S3BlobStore(location, db);
    try {
      await store.ping();
    } catch (err) {
      await store.close();
      throw new Error(describeS3Failure(err, location), { cause: err });
    }
    return store;
  }

  private blobKey(sha256: string): string {
    return `${this.blobsPrefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  uploaderOf(uploadId: string): Promise<string | null> {
    return this.uploads.uploaderOf(uploadId);
  }

  async commit(uploadId: string, size: number, sha256: string): Promise<CommitResult> {
    const source = this.uploads.keyOf(uploadId);
    const running = await this.runningDigest(uploadId, size);
    const { digest, bytes } = running ?? (await this.readBack(source));
    const readBack = running === null;
    if (bytes !== size || digest !== sha256) {
      await this.uploads.remove(uploadId);
      return { outcome: 'mismatch', readBack };
    }
    if (!(await this.has(sha256))) await this.copy(source, this.blobKey(sha256));
    await this.uploads.remove(uploadId);
    return { outcome: 'stored', readBack };
  }

  /** The upload's running hash, when it covers the whole upload and the stored object has that size. */
  private async runningDigest(uploadId: string, size: number): Promise<{ digest: string; bytes: number } | null> {
    const digest = await this.uploads.runningDigest(uploadId, size);
    if (digest === null) return null;
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.uploads.keyOf(uploadId) }));
    return head.ContentLength === size ? { digest, bytes: size } : null;
  }

  /** Reads the finished object back once and hashes it. */
  private async readBack(key: string): Promise<{ digest: string; bytes: number }> {
    const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return hashOf(Body as Readable);
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    const out = new PassThrough({ highWaterMark: 1024 * 1024 });
    // A reader that goes away (a cut download) also ends the GET.
    const abort = new AbortController();
    out.once('close', () => abort.abort());
    const request = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.blobKey(sha256),
      ...(range && { Range: `bytes=${range.start}-${range.end}` }),
    });
    this.client
      .send(request, { abortSignal: abort.signal })
      .then(({ Body }) => pipeline(Body as Readable, out))
      .catch((err: unknown) => out.destroy(err as Error));
    return out;
  }

  async remove(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.blobKey(sha256) }));
  }

  async *list(): AsyncIterable<{ sha256: string; size: number }> {
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: this.blobsPrefix })) {
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(object.Key.lastIndexOf('/') + 1) ?? '';
        if (SHA256.test(name)) yield { sha256: name, size: object.Size ?? 0 };
      }
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.blobKey(sha256) }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  /**
   * Stores bytes that are already known by their hash (a migration from another store): written aside
   * first, hashed on the way, and given their content address only when they match.
   */
  async put(sha256: string, body: Readable, size: number): Promise<void> {
    const staging = `${this.location.prefix}uploads/put-${randomUUID()}`;
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: staging, Body: body.pipe(meter) } });
      await upload.done();
      if (bytes !== size || hash.digest('hex') !== sha256) throw new StudioError('hash_mismatch', { expected: sha256 });
      if (!(await this.has(sha256))) await this.copy(staging, this.blobKey(sha256));
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: staging }));
    }
  }

  private async copy(from: string, to: string): Promise<void> {
    const source = `${this.bucket}/${from}`.split('/').map(encodeURIComponent).join('/');
    await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: to, CopySource: source }));
  }

  async close(): Promise<void> {
    await this.uploads.close();
    this.client.destroy();
  }
}

function clientConfig(location: S3Location): S3ClientConfig {
  return {
    region: location.region ?? process.env.AWS_REGION ?? 'us-east-1',
    forcePathStyle: location.forcePathStyle,
    ...(location.endpoint && { endpoint: location.endpoint }),
    // Checksums only where S3 requires them: the newer default (a CRC trailer on every upload, in
    // aws-chunked encoding) is not understood by many S3-compatible servers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 10_000 },
  };
}

async function hashOf(body: Readable): Promise<{ digest: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { digest: hash.digest('hex'), bytes };
}
