/**
 * The S3 server the tests and benchmarks use, as its own process: s3rver (npm) on a free port, files
 * in the folder named by the first argument, one bucket named by the second. Prints `listening on
 * <port>`; exits when its standard input closes (so it never outlives whoever started it).
 *
 * s3rver lacks three multipart calls that @tus/s3-store makes: ListParts (how a resumed upload learns
 * its offset), AbortMultipartUpload (deleting an unfinished upload) and ListMultipartUploads (the
 * expiry sweep). They are added here, before s3rver's own routes, answered from the folder where
 * s3rver keeps each multipart upload's parts (`<bucket>/._S3rver_uploads/<uploadId>/<partNumber>`
 * and `<partNumber>.md5`), in the XML AWS documents. The hub's S3 store is the same code against
 * this server as against any other. s3rver also answered an UploadPart before its part file was
 * fully written (it waited for its hash, not the write), so a ListParts or CompleteMultipartUpload
 * right after could see a short part; UploadPart here answers once the part is on disk, and a part
 * whose request was cut off is never listed (it is written aside and renamed once whole).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';
import authentication from 's3rver/lib/middleware/authentication.js';
import S3Error from 's3rver/lib/models/error.js';

const [directory, bucket] = process.argv.slice(2) as [string, string];
const uploadsDir = path.join(directory, bucket, '._S3rver_uploads');

const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });

server.store.putPart = async (bucketName, uploadId, partNumber, content) => {
  const partPath = path.join(directory, bucketName, '._S3rver_uploads', uploadId, String(partNumber));
  await mkdir(path.dirname(partPath), { recursive: true });
  const md5 = createHash('md5');
  let size = 0;
  const meter = new PassThrough();
  meter.on('data', (chunk: Buffer) => {
    md5.update(chunk);
    size += chunk.length;
  });
  // Written aside and renamed once whole, as S3 never lists a part whose request was cut off.
  const partial = `${partPath}.${process.hrtime.bigint()}.partial`;
  try {
    await pipeline(content, meter, createWriteStream(partial));
    const declared = (content as { headers?: Record<string, string> }).headers?.['content-length'];
    if (declared !== undefined && Number(declared) !== size)
      throw new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.');
    const digest = md5.digest('hex');
    await writeFile(`${partPath}.md5`, digest);
    await rename(partial, partPath);
    return { size, md5: digest };
  } finally {
    await rm(partial, { force: true });
  }
};

/** S3's least size of a part that is not the last. */
const MIN_PART_BYTES = 5 * 1024 * 1024;

/**
 * CompleteMultipartUpload as S3 does it, refusing a part but the last under 5 MiB (EntityTooSmall): the object's ETag is the MD5 of its parts' MD5s and their
 * count (`<hex>-<n>`), not an MD5 of the whole object, which s3rver computed by reading every byte
 * again. s3rver keeps an object as one file, so the parts are still copied into it, in 8 MB reads.
 */
server.store.putObjectMultipart = async (bucketName, uploadId, completed) => {
  const dir = path.join(directory, bucketName, '._S3rver_uploads', uploadId);
  const [key, metadata] = await Promise.all([
    readFile(path.join(dir, 'key'), 'utf8'),
    readFile(path.join(dir, 'metadata'), 'utf8').then((text) => JSON.parse(text) as Record<string, string>),
  ]);
  const objectPath = server.store.getResourcePath(bucketName, key, 'object');
  await mkdir(path.dirname(objectPath), { recursive: true });
  const numbers = completed.map((part) => part.number).sort((a, b) => a - b);
  const sizes = await Promise.all(numbers.map(async (n) => (await stat(path.join(dir, String(n)))).size));
  if (sizes.slice(0, -1).some((bytes) => bytes < MIN_PART_BYTES)) {
    throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
  }
  const md5s: Buffer[] = [];
  let size = 0;
  const out = createWriteStream(objectPath);
  for (const n of numbers) {
    md5s.push(Buffer.from(await readFile(path.join(dir, `${n}.md5`), 'utf8'), 'hex'));
    for await (const chunk of createReadStream(path.join(dir, String(n)), { highWaterMark: 8 * 1024 * 1024 })) {
      size += (chunk as Buffer).length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  const etag = `${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-${numbers.length}`;
  await server.store.putMetadata(bucketName, key, metadata, etag);
  await rm(dir, { recursive: true, force: true });
  return { size, md5: etag };
};

async function parts(uploadId: string) {
  const dir = path.join(uploadsDir, uploadId);
  const names = await readdir(dir).catch(() => null);
  if (!names) throw new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });
  const numbers = names.filter((n) => /^\d+$/.test(n)).map(Number);
  return Promise.all(
    numbers
      .sort((a, b) => a - b)
      .map(async (n) => {
        const [info, md5] = await Promise.all([stat(path.join(dir, String(n))), readFile(path.join(dir, `${n}.md5`), 'utf8')]);
        return { PartNumber: n, LastModified: info.mtime.toISOString(), ETag: `"${md5}"`, Size: info.size };
      }),
  );
}

const auth = authentication();

server.middleware.splice(server.middleware.length - 1, 0, async (ctx, next) => {
  const match = /^\/([^/]+)(?:\/(.+))?$/.exec(ctx.path);
  const [, name, rawKey] = match ?? [];
  const uploadId = ctx.query.uploadId;
  const key = rawKey && decodeURIComponent(rawKey);
  const listParts = ctx.method === 'GET' && key && uploadId;
  const abort = ctx.method === 'DELETE' && key && uploadId;
  const listUploads = ctx.method === 'GET' && !key && 'uploads' in ctx.query;
  if (name !== bucket || !(listParts || abort || listUploads)) return next();
  ctx.params = { bucket: name, ...(rawKey && { key: rawKey }) };
  await auth(ctx, async () => {
    if (listParts) {
      const all = await parts(uploadId);
      ctx.body = {
        ListPartsResult: { Bucket: name, Key: key, UploadId: uploadId, MaxParts: 10000, IsTruncated: false, Part: all },
      };
    } else if (abort) {
      await parts(uploadId);
      await rm(path.join(uploadsDir, uploadId), { recursive: true, force: true });
      ctx.status = 204;
    } else {
      const prefix = ctx.query.prefix ?? '';
      const ids = await readdir(uploadsDir).catch(() => []);
      const uploads = await Promise.all(
        ids.map(async (id) => {
          const dir = path.join(uploadsDir, id);
          const [uploadKey, info] = await Promise.all([readFile(path.join(dir, 'key'), 'utf8'), stat(dir)]);
          return { Key: uploadKey, UploadId: id, Initiated: info.birthtime.toISOString() };
        }),
      );
      ctx.body = {
        ListMultipartUploadsResult: { Bucket: name, IsTruncated: false, Upload: uploads.filter((u) => u.Key.startsWith(prefix)) },
      };
    }
  });
});

const address = await server.run();
process.stdout.write(`listening on ${address.port}\n`);
process.stdin.resume();
await once(process.stdin, 'end');
await server.close();
process.exit(0);
