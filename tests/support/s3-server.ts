import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { S3Client } from '@aws-sdk/client-s3';

const root = path.resolve(import.meta.dirname, '../..');

/** s3rver's one account. */
export const S3_TEST_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** The `--blobs` URL of a fresh prefix in the bucket. */
  blobsUrl(prefix: string): string;
  /** A client of the bucket, for looking behind the hub's back. */
  client(): S3Client;
  stop(): Promise<void>;
}

/**
 * A real S3-protocol server for tests and benchmarks (tests/support/s3rver-process.ts: s3rver with the
 * multipart calls it lacks), in its own process with its files in a temp folder; `stop` ends it and
 * deletes them. Sets the AWS credential variables of this process, as a hub operator would.
 */
export async function startS3Server(bucket = 'practice-circle'): Promise<S3TestServer> {
  const directory = await mkdtemp(path.join(tmpdir(), 'pc-s3-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/support/s3rver-process.ts'), directory, bucket], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-5000)));
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (\d+)/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`S3 server exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  Object.assign(process.env, S3_TEST_CREDENTIALS);
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    blobsUrl: (prefix) => `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1`,
    client: () =>
      new S3Client({
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    async stop() {
      child.stdin!.end();
      await exited;
      await rm(directory, { recursive: true, force: true });
    },
  };
}
