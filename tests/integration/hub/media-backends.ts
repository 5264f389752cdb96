import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { HubOptions } from '../../../hub/server';
import { startS3Server, type S3TestServer } from '../../support/s3-server';
import { startHub, type RunningHub } from './helpers';

/** Where a test hub keeps media, and how a test looks there behind the hub's back. */
export interface MediaBackend {
  name: string;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  startHub(options?: Partial<HubOptions>): Promise<RunningHub>;
  /** What is left of uploads in progress. */
  uploadsLeft(hub: RunningHub): Promise<string[]>;
  /** Whether a blob is stored under its content address. */
  blobStored(hub: RunningHub, sha256: string): Promise<boolean>;
}

const folder: MediaBackend = {
  name: 'the data folder',
  setUp: async () => undefined,
  tearDown: async () => undefined,
  startHub: (options = {}) => startHub(options),
  uploadsLeft: (hub) => readdir(path.join(hub.dataDir, 'uploads')),
  blobStored: async (hub, sha256) => existsSync(path.join(hub.dataDir, 'blobs', sha256.slice(0, 2), sha256)),
};

/** Each hub gets a prefix of its own in one bucket of one S3 server. */
function s3(): MediaBackend {
  let server: S3TestServer | undefined;
  const prefixes = new WeakMap<RunningHub, string>();
  const keys = async (prefix: string) => {
    const listed = await server!.client().send(new ListObjectsV2Command({ Bucket: server!.bucket, Prefix: prefix }));
    return (listed.Contents ?? []).map((o) => o.Key!.slice(prefix.length));
  };
  return {
    name: 'S3',
    async setUp() {
      server = await startS3Server();
    },
    async tearDown() {
      await server?.stop();
    },
    async startHub(options = {}) {
      const prefix = `hub-${randomUUID()}`;
      const hub = await startHub({ ...options, blobs: server!.blobsUrl(prefix) });
      prefixes.set(hub, prefix);
      return hub;
    },
    uploadsLeft: (hub) => keys(`${prefixes.get(hub)}/uploads/`),
    async blobStored(hub, sha256) {
      const key = `${prefixes.get(hub)}/blobs/${sha256.slice(0, 2)}/${sha256}`;
      return server!
        .client()
        .send(new HeadObjectCommand({ Bucket: server!.bucket, Key: key }))
        .then(
          () => true,
          () => false,
        );
    },
  };
}

export const mediaBackends: MediaBackend[] = [folder, s3()];
