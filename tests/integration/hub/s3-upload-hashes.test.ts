import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH_MISMATCH_STATUS, hubEndpoints, hubPath, TUS_PATH, type UploadMetadata } from '../../../common/hub-api';
import { HUB_DIALECT, scratchHubDatabase, type ScratchHubDatabase } from '../../support/hub-database';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { startS3Server, type S3TestServer } from '../../support/s3-server';
import { call, createCommunity, queryHub, signUp, TestClock, type RunningHub, type TestUser } from './helpers';
import { sha256, uploadWithTus } from './tus';

const MB = 1024 * 1024;

/**
 * Uploads into S3 are verified from the running sha256 each write saves in the hub database, not by
 * reading them back; where that hash cannot be trusted the hub reads the upload back. Two hub
 * processes share one database (the SQLite file, or PostgreSQL under the hub-postgres project) and
 * one bucket, as behind a load balancer.
 */
describe('running upload hashes across hub processes on S3', () => {
  let s3: S3TestServer;
  let dataDir: string;
  /** The hub processes' temporary folder (TMPDIR): S3 parts stream on without a file each. */
  let tempDir: string;
  let database: ScratchHubDatabase | undefined;
  let first: HubProcess;
  let second: HubProcess;
  let owner: TestUser;
  let communityId: string;
  const prefix = 'hashes';
  const at = (hub: HubProcess) => ({ url: hub.url, clock: new TestClock() }) as RunningHub;
  const hubDb = () => ({ dataDir, databaseUrl: database?.url }) as RunningHub;
  const start = () =>
    startHubProcess(dataDir, 0, ['--blobs', s3.blobsUrl(prefix), ...(database ? ['--database', database.url] : [])], { TMPDIR: tempDir });

  beforeAll(async () => {
    [s3, dataDir, tempDir, database] = await Promise.all([
      startS3Server(),
      mkdtemp(path.join(tmpdir(), 'pc-hub-hashes-')),
      mkdtemp(path.join(tmpdir(), 'pc-hub-tmp-')),
      HUB_DIALECT === 'postgres' ? scratchHubDatabase() : undefined,
    ]);
    first = await start();
    second = await start();
    owner = await signUp(at(first), 'Owner');
    communityId = (await createCommunity(at(first), owner)).id;
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await database?.drop();
    await s3?.stop();
    await Promise.all([dataDir, tempDir].map((dir) => dir && rm(dir, { recursive: true, force: true })));
  });

  const metadataOf = (file: Buffer, claimed = sha256(file)): UploadMetadata => ({
    sha256: claimed,
    communityId,
    filename: 'lesson.mp4',
    type: 'video/mp4',
  });
  const tusOptions = (metadata: UploadMetadata) => ({
    chunkSize: 3 * MB,
    metadata,
    headers: { authorization: `Bearer ${owner.token}` },
    retryDelays: [],
  });
  /** How many finished uploads a process verified by reading them back. */
  const readBacks = async (hub: HubProcess) => {
    const text = await (await fetch(`${hub.url}${hubEndpoints.metrics.path}`)).text();
    return Number(/^hub_upload_sessions_read_back_total (\d+)$/m.exec(text)?.[1]);
  };
  const uploadObjects = async () => {
    const listed = await s3.client().send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `${prefix}/uploads/` }));
    return (listed.Contents ?? []).map((o) => o.Key);
  };
  const hashRows = (uploadId?: string) =>
    queryHub<{ hashed_bytes: number; writer: string | null; broken: number }>(
      hubDb(),
      `SELECT hashed_bytes, writer, broken FROM upload_hashes${uploadId ? ' WHERE upload_id = ?' : ''}`,
      ...(uploadId ? [uploadId] : []),
    );
  /** Downloads a blob whole from a process and answers its sha256. */
  const downloaded = async (hub: HubProcess, sha: string) => {
    const res = await fetch(`${hub.url}${hubPath(hubEndpoints.blob.path, { sha256: sha })}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    return res.ok ? sha256(Buffer.from(await res.arrayBuffer())) : `HTTP ${res.status}`;
  };
  const resumeOn = (hub: HubProcess, file: Buffer, uploadPath: string) =>
    new Promise<void>((resolve, reject) => {
      new Upload(file, {
        ...tusOptions(metadataOf(file)),
        uploadUrl: `${hub.url}${uploadPath}`,
        onSuccess: () => resolve(),
        onError: reject,
      }).start();
    });

  /** Creates an upload of the file on the first process; answers its path. */
  const createUpload = async (file: Buffer) => {
    const created = await call(first.url, 'POST', TUS_PATH, {
      token: owner.token,
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': String(file.length),
        'upload-metadata': Object.entries(metadataOf(file))
          .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
          .join(','),
      },
    });
    expect(created.status).toBe(201);
    return new URL(created.headers.get('location')!, first.url).pathname;
  };
  /** A PATCH from offset 0 promising `length` bytes (none: a chunked body), its body left to the test to write. */
  const patchRequest = (hub: HubProcess, uploadPath: string, length?: number) => {
    const patch = http.request(`${hub.url}${uploadPath}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${owner.token}`,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        ...(length === undefined ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(length) }),
      },
    });
    patch.on('error', () => undefined);
    return patch;
  };

  it('continues the hash of an upload cut on one process on the other, and verifies it without reading it back', async () => {
    const before = [await readBacks(first), await readBacks(second)];
    // 3 MB chunks: shorter than an S3 part, so each is first kept as the upload's tail object and
    // sent again by the store in front of the next chunk; those bytes must be hashed once.
    const file = randomBytes(10 * MB + 123);
    const uploadUrl = await new Promise<string>((resolve, reject) => {
      const upload: Upload = new Upload(file, {
        ...tusOptions(metadataOf(file)),
        endpoint: `${first.url}${TUS_PATH}`,
        onChunkComplete: (_chunk, accepted) => {
          if (accepted >= 3 * MB) void upload.abort().then(() => resolve(upload.url!));
        },
        onSuccess: () => reject(new Error('the upload finished before it was cut')),
        onError: reject,
      });
      upload.start();
    });
    const uploadPath = new URL(uploadUrl).pathname;
    const uploadId = uploadPath.split('/').at(-1)!;
    expect(await hashRows(uploadId)).toEqual([{ hashed_bytes: 3 * MB, writer: null, broken: 0 }]);

    await resumeOn(second, file, uploadPath);
    expect(await downloaded(first, sha256(file))).toBe(sha256(file));
    expect([await readBacks(first), await readBacks(second)]).toEqual(before);
    expect(await hashRows(uploadId)).toEqual([]);
    expect(await uploadObjects()).toEqual([]);
  });

  it('keeps what arrived of a chunk another request cut short, with no temporary file, and verifies it without reading it back', async () => {
    const file = randomBytes(12 * MB + 7);
    const uploadPath = await createUpload(file);
    const uploadId = uploadPath.split('/').at(-1)!;
    const before = await readBacks(first);
    // One request for the whole file, of which 6 MB arrive, streaming on into an S3 part; then the
    // studio resumes on the same process, whose tus lock asks that request to let go.
    const patch = patchRequest(first, uploadPath, file.length);
    patch.write(file.subarray(0, 6 * MB));
    await waitFor(async () => (await hashRows(uploadId))[0]?.writer != null);
    const head = await call(first.url, 'HEAD', uploadPath, { token: owner.token, headers: { 'tus-resumable': '1.0.0' } });
    const kept = Number(head.headers.get('upload-offset'));
    expect(kept).toBeGreaterThanOrEqual(0);
    expect(kept).toBeLessThanOrEqual(6 * MB);
    await resumeOn(first, file, uploadPath);
    patch.destroy();

    expect(await downloaded(second, sha256(file))).toBe(sha256(file));
    expect(await readBacks(first)).toBe(before);
    expect(await hashRows(uploadId)).toEqual([]);
    expect(await uploadObjects()).toEqual([]);
    expect((await readdir(tempDir)).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
  });

  it('keeps what arrived of a chunk whose connection dropped, and verifies the upload without reading it back', async () => {
    const file = randomBytes(12 * MB + 7);
    const uploadPath = await createUpload(file);
    const uploadId = uploadPath.split('/').at(-1)!;
    const before = [await readBacks(first), await readBacks(second)];
    // The whole file in one request, of which 6 MB are sent (streaming on into an S3 part) before the
    // studio's connection drops, as on a school's failing link.
    const patch = patchRequest(first, uploadPath, file.length);
    await new Promise<void>((resolve) => patch.write(file.subarray(0, 6 * MB), () => resolve()));
    await waitFor(async () => (await hashRows(uploadId))[0]?.writer != null);
    patch.destroy();
    await waitFor(async () => (await hashRows(uploadId))[0]?.writer === null);

    // What arrived is kept, and the running hash covers exactly it: the studio resumes from there.
    const head = await call(first.url, 'HEAD', uploadPath, { token: owner.token, headers: { 'tus-resumable': '1.0.0' } });
    const kept = Number(head.headers.get('upload-offset'));
    expect(kept).toBeLessThanOrEqual(6 * MB);
    expect(await hashRows(uploadId)).toEqual([{ hashed_bytes: kept, writer: null, broken: 0 }]);
    await resumeOn(second, file, uploadPath);
    expect(await downloaded(second, sha256(file))).toBe(sha256(file));
    expect([await readBacks(first), await readBacks(second)]).toEqual(before);
    expect(await hashRows(uploadId)).toEqual([]);
    expect(await uploadObjects()).toEqual([]);
  });

  it('stores a chunk that declares no length, gathering each part in memory, and verifies it without reading it back', async () => {
    const file = randomBytes(14 * MB + 3);
    const uploadPath = await createUpload(file);
    const before = await readBacks(first);
    const patch = patchRequest(first, uploadPath);
    const answered = new Promise<number>((resolve) => patch.once('response', (res) => resolve(res.statusCode!)));
    patch.end(file);
    expect(await answered).toBe(204);
    expect(await downloaded(second, sha256(file))).toBe(sha256(file));
    expect(await readBacks(first)).toBe(before);
    expect(await uploadObjects()).toEqual([]);
  });

  it('takes more uploads at once than a process writes at once (16), each waiting its turn, all verified', async () => {
    const files = Array.from({ length: 20 }, (_, i) => randomBytes(MB + i));
    await Promise.all(
      files.map(
        (file, i) =>
          new Promise<void>((resolve, reject) => {
            new Upload(file, {
              ...tusOptions(metadataOf(file)),
              endpoint: `${(i % 2 ? second : first).url}${TUS_PATH}`,
              onSuccess: () => resolve(),
              onError: reject,
            }).start();
          }),
      ),
    );
    for (const file of files) expect(await downloaded(first, sha256(file))).toBe(sha256(file));
    expect(await uploadObjects()).toEqual([]);
  });

  it('refuses bytes that do not match their sha256 from the running hash, leaving nothing behind', async () => {
    const before = await readBacks(first);
    const file = randomBytes(7 * MB);
    const claimed = sha256(Buffer.from('another lesson'));
    const outcome = await uploadWithTus(at(first), owner, file, metadataOf(file, claimed), { chunkSize: 3 * MB });
    expect([outcome.ok, outcome.status, JSON.parse(outcome.body!).code]).toEqual([false, HASH_MISMATCH_STATUS, 'hash_mismatch']);
    expect(await readBacks(first)).toBe(before);
    expect(await downloaded(first, claimed)).toBe('HTTP 404');
    expect(await uploadObjects()).toEqual([]);
    expect(await hashRows()).toEqual([]);
  });

  it('reads back an upload whose hash a killed process still held, and verifies it', async () => {
    const file = randomBytes(8 * MB + 5);
    const uploadPath = await createUpload(file);
    const uploadId = uploadPath.split('/').at(-1)!;

    // A chunk's first megabyte reaches the first process, whose write takes the hash; then it dies.
    const patch = patchRequest(first, uploadPath, file.length);
    patch.write(file.subarray(0, MB));
    await waitFor(async () => (await hashRows(uploadId))[0]?.writer != null);
    await first.stop('SIGKILL');
    patch.destroy();

    try {
      const before = await readBacks(second);
      await resumeOn(second, file, uploadPath);
      expect(await readBacks(second)).toBe(before + 1);
      expect(await downloaded(second, sha256(file))).toBe(sha256(file));
      expect(await hashRows(uploadId)).toEqual([]);
      expect(await uploadObjects()).toEqual([]);
    } finally {
      first = await start();
    }
  });
});

/** Polls a condition of the hub's state (a request in flight shows nowhere else) until it holds. */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the hub');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
