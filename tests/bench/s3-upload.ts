import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from 'tus-js-client';
import { hubEndpoints, TUS_PATH } from '../../common/hub-api';
import { DEFAULT_CHUNK_BYTES } from '../../core/sync/service';
import { startHubProcess } from '../support/hub-process';
import { startS3Server } from '../support/s3-server';
import { tempDir } from '../support/web-shell';
import { median, writeResult } from './media-cache';
import { settleMachine } from './settle';

/**
 * Issue 16: a 200 MB upload through the studio's tus path into a hub on S3 (the hub in its own
 * process, verifying the upload's sha256 and copying it to its content address before it answers),
 * against one plain PUT of the same bytes straight to the same S3 server. Rounds alternate the two,
 * and each round's bytes differ in their first bytes, so every tus upload makes a new blob.
 */
const MB = 1024 * 1024;
const SIZE = 200 * MB;
const ROUNDS = 3;

async function json(url: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Makes the file's bytes this round's own; answers their sha256. */
async function stamp(file: string, round: number): Promise<string> {
  const handle = await fs.open(file, 'r+');
  await handle.write(Buffer.from(`round ${round} `), 0, undefined, 0);
  await handle.close();
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function tusUpload(endpoint: string, token: string, file: string, metadata: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    new Upload(createReadStream(file), {
      endpoint,
      uploadSize: SIZE,
      chunkSize: DEFAULT_CHUNK_BYTES,
      metadata,
      headers: { authorization: `Bearer ${token}` },
      retryDelays: [],
      onSuccess: () => resolve(),
      onError: reject,
    }).start();
  });
}

export async function s3UploadRatio(): Promise<{ s3_upload_ratio: number; tus_s3_mb_s: number; put_mb_s: number }> {
  const dir = await tempDir('bench-s3');
  const s3 = await startS3Server();
  const hub = await startHubProcess(path.join(dir, 'hub'), 0, ['--blobs', s3.blobsUrl('bench')]);
  const client = s3.client();
  try {
    const file = path.join(dir, 'lesson.bin');
    await fs.writeFile(file, randomBytes(SIZE));
    const email = `bench-${Date.now()}@school.example`;
    const password = 'correct horse battery';
    await json(`${hub.url}${hubEndpoints.signUp.path}`, { email, password, displayName: 'Bench' });
    const { token } = await json(`${hub.url}${hubEndpoints.signIn.path}`, { email, password });
    const created = await json(`${hub.url}${hubEndpoints.createCommunity.path}`, { name: 'Bench', languages: ['en'] }, token);
    const communityId: string = created.community.id;

    const tusS: number[] = [];
    const putS: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const sha256 = await stamp(file, round);
      await settleMachine(dir, SIZE);
      let started = performance.now();
      const key = `put/${sha256}`;
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: createReadStream(file), ContentLength: SIZE }));
      putS.push((performance.now() - started) / 1000);
      await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: key }));

      await settleMachine(dir, SIZE);
      started = performance.now();
      await tusUpload(`${hub.url}${TUS_PATH}`, token, file, { sha256, communityId, filename: 'lesson.bin', type: 'video/mp4' });
      tusS.push((performance.now() - started) / 1000);
      console.error(`round ${round + 1}: PUT ${putS[round]!.toFixed(2)} s, tus ${tusS[round]!.toFixed(2)} s`);
    }
    const tus = median(tusS);
    const put = median(putS);
    return {
      s3_upload_ratio: Number((put / tus).toFixed(3)),
      tus_s3_mb_s: Number((SIZE / MB / tus).toFixed(1)),
      put_mb_s: Number((SIZE / MB / put).toFixed(1)),
    };
  } finally {
    client.destroy();
    await hub.stop();
    await s3.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, number>> {
  const figures = await s3UploadRatio();
  await writeResult('s3-upload', figures);
  return figures;
}
