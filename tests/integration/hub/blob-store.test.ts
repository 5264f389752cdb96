import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../hub/db/open';
import { FileBlobStore, type BlobStore } from '../../../hub/media/blob-store';
import { S3BlobStore } from '../../../hub/media/s3-blob-store';
import { parseS3Url } from '../../../hub/media/s3-url';
import { HUB_DIALECT, scratchHubDatabase } from '../../support/hub-database';
import { startS3Server, type S3TestServer } from '../../support/s3-server';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let s3: S3TestServer;
let dir: string;
beforeAll(async () => {
  [s3, dir] = await Promise.all([startS3Server(), mkdtemp(path.join(tmpdir(), 'pc-blob-store-'))]);
});
afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Each store, and what is left of its uploads in progress (where put stages its bytes). */
const stores: { name: string; open(): Promise<{ store: BlobStore; staged(): Promise<string[]>; close(): Promise<void> }> }[] = [
  {
    name: 'the data folder',
    async open() {
      const root = await mkdtemp(path.join(dir, 'file-'));
      const store = new FileBlobStore(path.join(root, 'uploads'), path.join(root, 'blobs'));
      return {
        store,
        staged: () => readdir(path.join(root, 'uploads')),
        close: () => store.close(),
      };
    },
  },
  {
    name: 'S3',
    async open() {
      const prefix = `store-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      // The store keeps uploads' running hashes in the hub database.
      const scratch = HUB_DIALECT === 'postgres' ? await scratchHubDatabase() : undefined;
      const { db } = await openDatabase({ dataDir: await mkdtemp(path.join(dir, 'db-')), databaseUrl: scratch?.url });
      const store = await S3BlobStore.open(parseS3Url(s3.blobsUrl(prefix)), 1024 * 1024 * 1024, db);
      const close = async () => {
        await store.close();
        await db.destroy();
        await scratch?.drop();
      };
      const staged = async () => {
        const listed = await s3.client().send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `${prefix}/uploads/` }));
        return (listed.Contents ?? []).map((o) => o.Key!);
      };
      return { store, staged, close };
    },
  },
];

describe.each(stores)('blob store in $name', ({ open }) => {
  it('puts verified bytes (a migration), lists, reads a range, and removes them; refuses bytes that do not match', async () => {
    const { store, staged, close } = await open();
    try {
      await store.ping();
      const bytes = randomBytes(6 * 1024 * 1024 + 7);
      const sha = sha256(bytes);
      expect(await store.has(sha)).toBe(false);
      await store.put(sha, Readable.from([bytes]), bytes.length);
      expect(await store.has(sha)).toBe(true);
      const listed: { sha256: string; size: number }[] = [];
      for await (const blob of store.list()) listed.push(blob);
      expect(listed).toEqual([{ sha256: sha, size: bytes.length }]);
      const middle = Buffer.concat(await store.read(sha, { start: 1000, end: 1999 }).toArray());
      expect(middle.equals(bytes.subarray(1000, 2000))).toBe(true);

      const other = randomBytes(1000);
      await expect(store.put(sha256(Buffer.from('not these bytes')), Readable.from([other]), other.length)).rejects.toMatchObject({
        code: 'hash_mismatch',
      });
      expect(await store.has(sha256(Buffer.from('not these bytes')))).toBe(false);
      expect(await staged()).toEqual([]);

      await store.remove(sha);
      expect(await store.has(sha)).toBe(false);
    } finally {
      await close();
    }
  });
});
