import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type HubDb } from '../../../hub/db/open';
import { UploadHashes, type HashedWrite } from '../../../hub/media/upload-hashes';
import { HUB_DIALECT, scratchHubDatabase, type ScratchHubDatabase } from '../../support/hub-database';
import { sha256 } from './tus';

/** Runs a write's bytes through it as the store would read them; answers the store's new offset. */
async function pass(write: HashedWrite, bytes: Buffer, offset: number): Promise<number> {
  await write.through(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)])).toArray();
  return offset + bytes.length;
}

/** The running hashes of uploads, as two hub processes on one database see them. */
describe('running upload hashes in the hub database', () => {
  let dir: string;
  let scratch: ScratchHubDatabase | undefined;
  let db: HubDb;
  let processA: UploadHashes;
  let processB: UploadHashes;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pc-upload-hashes-'));
    scratch = HUB_DIALECT === 'postgres' ? await scratchHubDatabase() : undefined;
    ({ db } = await openDatabase({ dataDir: dir, databaseUrl: scratch?.url }));
    processA = new UploadHashes(db);
    processB = new UploadHashes(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('continues on one process a hash another saved, and answers the sha256 of exactly the whole upload', async () => {
    const file = randomBytes(3000 + 77);
    const first = (await processA.begin('up-1', 0))!;
    const offset = await pass(first, file.subarray(0, 1500), 0);
    await first.finish(offset);
    // Not yet the whole upload: no digest.
    expect(await processB.digest('up-1', file.length)).toBeNull();
    const second = (await processB.begin('up-1', offset))!;
    await second.finish(await pass(second, file.subarray(1500), offset));
    expect(await processA.digest('up-1', file.length)).toBe(sha256(file));
    await processA.forget('up-1');
    expect(await processA.digest('up-1', file.length)).toBeNull();
  });

  it('lets only one write hold a hash: a second write breaks it for good, and the first cannot save it', async () => {
    const file = randomBytes(2000);
    const holder = (await processA.begin('up-2', 0))!;
    expect(await processB.begin('up-2', 0)).toBeNull();
    await holder.finish(await pass(holder, file, 0));
    expect(await processA.digest('up-2', file.length)).toBeNull();
    // Broken stays broken, even for a write that starts again from the first byte.
    expect(await processA.begin('up-2', 0)).toBeNull();
  });

  it('breaks a hash that a write cannot continue: at another offset, or after bytes the store did not take', async () => {
    const file = randomBytes(2000);
    const write = (await processA.begin('up-3', 0))!;
    await write.finish(await pass(write, file, 0));
    expect(await processB.begin('up-3', 1000)).toBeNull();
    expect(await processA.digest('up-3', file.length)).toBeNull();

    const short = (await processA.begin('up-4', 0))!;
    await pass(short, file, 0);
    // The store says it holds fewer bytes than passed through the hash.
    await short.finish(file.length - 1);
    expect(await processA.digest('up-4', file.length - 1)).toBeNull();
    expect(await processA.digest('up-4', file.length)).toBeNull();

    const failed = (await processA.begin('up-5', 0))!;
    await pass(failed, file, 0);
    await failed.abandon();
    expect(await processB.begin('up-5', file.length)).toBeNull();
  });

  it('forgets the hashes of uploads untouched for longer than the expiry', async () => {
    let now = 1_000_000;
    const clocked = new UploadHashes(db, () => now);
    const write = (await clocked.begin('up-6', 0))!;
    await write.finish(await pass(write, Buffer.from('bytes'), 0));
    now += 10_000;
    await clocked.prune(20_000);
    expect(await clocked.digest('up-6', 5)).toBe(sha256(Buffer.from('bytes')));
    await clocked.prune(5_000);
    expect(await clocked.digest('up-6', 5)).toBeNull();
  });
});
