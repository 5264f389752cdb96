import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubEndpoints, hubPath, TUS_PATH, type UploadMetadata } from '../../../common/hub-api';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { startS3Server, type S3TestServer } from '../../support/s3-server';
import { createHub } from '../../../hub/server';
import { call, createCommunity, signUp, TestClock, type RunningHub, type TestUser } from './helpers';
import { sha256 } from './tus';

const MB = 1024 * 1024;
let s3: S3TestServer;
let dataDir: string;

beforeAll(async () => {
  s3 = await startS3Server();
  dataDir = await mkdtemp(path.join(tmpdir(), 'pc-hub-s3-'));
});
afterAll(async () => {
  await s3?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The helpers need only a hub's address. */
const at = (hub: HubProcess) => ({ url: hub.url, clock: new TestClock() }) as RunningHub;

function tusOptions(user: TestUser, metadata: UploadMetadata) {
  return { chunkSize: 3 * MB, metadata, headers: { authorization: `Bearer ${user.token}` }, retryDelays: [] };
}

describe('a hub on S3 as several processes', () => {
  it('resumes on a second process an upload cut on the first, which then serves it with Range', async () => {
    // Two processes share one database (WAL) and one bucket, as they would behind a load balancer.
    const blobs = s3.blobsUrl('shared');
    const first = await startHubProcess(dataDir, 0, ['--blobs', blobs]);
    const second = await startHubProcess(dataDir, 0, ['--blobs', blobs]);
    try {
      const owner = await signUp(at(first), 'Owner');
      const communityId = (await createCommunity(at(first), owner)).id;
      const file = randomBytes(10 * MB + 123);
      const sha = sha256(file);
      const metadata = { sha256: sha, communityId, filename: 'lesson.mp4', type: 'video/mp4' };

      // The first 3 MB reach the first process (shorter than an S3 part: kept as the upload's tail
      // object), then the connection is cut.
      const uploadUrl = await new Promise<string>((resolve, reject) => {
        const upload: Upload = new Upload(file, {
          ...tusOptions(owner, metadata),
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
      const blob = hubPath(hubEndpoints.blob.path, { sha256: sha });
      expect((await call(first.url, 'GET', blob, { token: owner.token })).status).toBe(404);

      // The second process knows the upload from the bucket alone.
      const head = await call(second.url, 'HEAD', uploadPath, { token: owner.token, headers: { 'tus-resumable': '1.0.0' } });
      expect(head.status).toBe(200);
      expect(head.headers.get('upload-offset')).toBe(String(3 * MB));
      const acceptedOnSecond: number[] = [];
      await new Promise<void>((resolve, reject) => {
        new Upload(file, {
          ...tusOptions(owner, metadata),
          uploadUrl: `${second.url}${uploadPath}`,
          onChunkComplete: (_chunk, accepted) => acceptedOnSecond.push(accepted),
          onSuccess: () => resolve(),
          onError: reject,
        }).start();
      });
      expect(acceptedOnSecond[0]).toBe(6 * MB);

      // Across the boundary between the bytes each process took in.
      const range = await fetch(`${first.url}${blob}`, {
        headers: { authorization: `Bearer ${owner.token}`, range: `bytes=${3 * MB - 10}-${3 * MB + 9}` },
      });
      expect(range.status).toBe(206);
      expect(range.headers.get('content-range')).toBe(`bytes ${3 * MB - 10}-${3 * MB + 9}/${file.length}`);
      expect(Buffer.from(await range.arrayBuffer()).equals(file.subarray(3 * MB - 10, 3 * MB + 10))).toBe(true);
      const whole = await fetch(`${first.url}${blob}`, { headers: { authorization: `Bearer ${owner.token}` } });
      expect(sha256(Buffer.from(await whole.arrayBuffer()))).toBe(sha);

      const left = await s3.client().send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'shared/uploads/' }));
      expect(left.Contents ?? []).toEqual([]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  }, 120_000); // Two hub processes start inside it: at a load average of 18 on 2 cores the test took 60 s.

  it('refuses to start, with a plain message and no stack, when the bucket cannot be used', async () => {
    const failure = (blobs: string, env: Record<string, string> = {}) =>
      startHubProcess(dataDir, 0, ['--blobs', blobs], env).then(
        async (hub) => {
          await hub.stop();
          return 'started';
        },
        (err: Error) => err.message,
      );
    const [badUrl, wrongKey] = await Promise.all([
      failure('s3://Not_A_Bucket/x'),
      // s3rver checks the key id but not SigV4 signatures, so an unknown key id stands for wrong credentials.
      failure(s3.blobsUrl('x'), { AWS_ACCESS_KEY_ID: 'NOT-A-KEY-ID', AWS_SECRET_ACCESS_KEY: 'wrong-secret-value' }),
    ]);
    expect(badUrl).toMatch(/exited with 1: [\s\S]*Practice Circle hub could not start: --blobs: bucket "Not_A_Bucket"/);
    expect(wrongKey).toMatch(/exited with 1: [\s\S]*could not start: bucket "practice-circle" at .* refused access \(HTTP 403\)/);
    expect(wrongKey).not.toContain('wrong-secret-value');
    for (const message of [badUrl, wrongKey]) expect(message).not.toMatch(/\n\s+at /);

    // The same start-up check in process (the CLI prints its message as above).
    const startOn = (blobs: string) =>
      createHub({ dataDir, blobs }).then(
        (hub) => hub.close().then(() => 'started'),
        (err: Error) => err.message,
      );
    expect(await startOn(s3.blobsUrl('x').replace(`s3://${s3.bucket}/`, 's3://no-such-bucket/'))).toMatch(
      /^bucket "no-such-bucket" at http:\/\/127\.0\.0\.1:\d+ does not exist$/,
    );
    expect(await startOn('s3://media/x?endpoint=http://127.0.0.1:9')).toBe('cannot reach http://127.0.0.1:9 (ECONNREFUSED)');
  });
});
