import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubEndpoints, hubPath } from '../../../common/hub-api';
import { createHub } from '../../../hub/server';
import { HUB_DIALECT, scratchHubDatabase, type ScratchHubDatabase } from '../../support/hub-database';
import { startS3Server } from '../../support/s3-server';
import { call, createCommunity, lessonFields, op, pull, pullAll, pushOk, signUp, TestClock, type TestUser } from './helpers';
import { sha256, uploadWithTus } from './tus';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const migrate = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', path.join(root, 'hub/cli.ts'), 'migrate', ...args], { cwd: root }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
const issuerPath = (communityId: string) => hubPath(hubEndpoints.credentialIssuer.path, { communityId });
const fileHash = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe.runIf(HUB_DIALECT === 'postgres')('npm run hub -- migrate (SQLite to PostgreSQL, folder to folder or S3)', () => {
  let from: string;
  let to: string;
  let database: ScratchHubDatabase;
  const clock = new TestClock();
  let lead: TestUser;
  let communityId: string;
  let cursor: string;
  let issuerDid: string;
  const blob = randomBytes(200_000);

  beforeAll(async () => {
    from = await mkdtemp(path.join(tmpdir(), 'pc-hub-from-'));
    to = await mkdtemp(path.join(tmpdir(), 'pc-hub-to-'));
    database = await scratchHubDatabase();
    // The source: a SQLite hub with accounts, a community, ops and a blob.
    const source = await createHub({ dataDir: from, now: clock.now });
    const at = { url: source.url, clock };
    lead = await signUp(at, 'Migrated lead');
    communityId = (await createCommunity(at, lead)).id;
    const meta = { sha256: sha256(blob), communityId, filename: 'clip.mp4', type: 'video/mp4' };
    expect((await uploadWithTus(at, lead, blob, meta)).ok).toBe(true);
    await pushOk(at, lead, [op(lead, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(lead, { mediaSha: sha256(blob) }))]);
    cursor = (await pullAll(at, lead, communityId)).cursor;
    await pushOk(at, lead, [op(lead, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(lead, { title: 'After the cursor' }))]);
    // The community's signing key, made on first need.
    issuerDid = (await call(source.url, 'GET', issuerPath(communityId), { token: lead.token })).body.did;
    await source.close();
  });

  afterAll(async () => {
    await database?.drop();
    await rm(from, { recursive: true, force: true });
    await rm(to, { recursive: true, force: true });
  });

  it('copies and verifies every table and blob, leaves the source as it was, and can run again', async () => {
    const before = await fileHash(path.join(from, 'hub.sqlite'));
    const first = await migrate(['--from', from, '--database', database.url, '--blobs', to]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/verified rows: .*ops 2.*credential_issuers 1/);
    expect(first.stdout).toMatch(/copied blobs: 1 \(0 already there\)/);
    expect(first.stdout).toMatch(/verified blobs: 1/);
    const again = await migrate(['--from', from, '--database', database.url, '--blobs', to]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/copied blobs: 0 \(1 already there\)/);
    expect(await fileHash(path.join(from, 'hub.sqlite'))).toBe(before);

    // The same hub on PostgreSQL: the password, the session, a studio's cursor and the blob all still work.
    const moved = await createHub({ dataDir: to, databaseUrl: database.url, now: clock.now });
    try {
      const at = { url: moved.url, clock };
      const signIn = await call(moved.url, 'POST', hubEndpoints.signIn.path, {
        body: { email: lead.email, password: 'correct horse battery' },
      });
      expect(signIn.status).toBe(200);
      const other = { ...lead, token: signIn.body.token };
      const resumed = await pull(at, other, communityId, cursor);
      expect(resumed.status).toBe(200);
      expect(resumed.body.ops.map((o) => o.fields.title)).toEqual(['After the cursor']);
      const download = await fetch(`${moved.url}${hubPath(hubEndpoints.blob.path, { sha256: sha256(blob) })}`, {
        headers: { authorization: `Bearer ${lead.token}` },
      });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(blob)).toBe(true);
      expect((await call(moved.url, 'GET', issuerPath(communityId), { token: lead.token })).body.did).toBe(issuerDid);
    } finally {
      await moved.close();
    }
  });

  it('moves the media into S3, verifies every blob there, and the moved hub serves them from the bucket', async () => {
    const [s3, target] = await Promise.all([startS3Server(), scratchHubDatabase()]);
    try {
      const bucketUrl = s3.blobsUrl('moved');
      const moved = await migrate(['--from', from, '--database', target.url, '--blobs', bucketUrl]);
      expect([moved.code, moved.stderr]).toEqual([0, '']);
      expect(moved.stdout).toMatch(/copied blobs: 1 \(0 already there\)/);
      expect(moved.stdout).toMatch(/verified blobs: 1 \(sha256 of each\)/);
      expect(moved.stdout).toContain(`--blobs '${bucketUrl}'`);
      const key = `moved/blobs/${sha256(blob).slice(0, 2)}/${sha256(blob)}`;
      const stored = await s3.client().send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect(sha256(Buffer.from(await stored.Body!.transformToByteArray()))).toBe(sha256(blob));
      const again = await migrate(['--from', from, '--database', target.url, '--blobs', bucketUrl]);
      expect([again.code, again.stdout]).toEqual([0, expect.stringMatching(/copied blobs: 0 \(1 already there\)/)]);

      const hub = await createHub({ dataDir: to, databaseUrl: target.url, blobs: bucketUrl, now: clock.now });
      try {
        const download = await fetch(`${hub.url}${hubPath(hubEndpoints.blob.path, { sha256: sha256(blob) })}`, {
          headers: { authorization: `Bearer ${lead.token}`, range: 'bytes=1000-1999' },
        });
        expect(download.status).toBe(206);
        expect(Buffer.from(await download.arrayBuffer()).equals(blob.subarray(1000, 2000))).toBe(true);
      } finally {
        await hub.close();
      }
    } finally {
      await target.drop();
      await s3.stop();
    }
  });

  it('refuses a database that holds another hub, and a folder that holds none, on stderr', async () => {
    const other = await scratchHubDatabase();
    try {
      const busy = await createHub({ dataDir: to, databaseUrl: other.url, now: clock.now });
      await signUp({ url: busy.url, clock }, 'Someone else');
      await busy.close();
      const refused = await migrate(['--from', from, '--database', other.url]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/already holds another hub/);
    } finally {
      await other.drop();
    }
    const nothing = await migrate(['--from', to, '--database', database.url]);
    expect([nothing.code, nothing.stderr]).toEqual([1, expect.stringMatching(/holds no hub.sqlite/)]);
  });
});
