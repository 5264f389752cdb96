import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { once } from 'node:events';
import { DefaultHttpStack, type HttpRequest, type HttpStack } from 'tus-js-client';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH_MISMATCH_STATUS, hubEndpoints, hubPath, TUS_PATH } from '../../../common/hub-api';
import { mediaBackends } from './media-backends';
import { addMember, call, createCommunity, lessonFields, op, pushOk, signUp, type RunningHub, type TestUser } from './helpers';
import { MemoryUrlStorage, sha256, uploadWithTus } from './tus';

const MB = 1024 * 1024;

// The same tests against each place a hub keeps media: its data folder, and S3 (a real S3 server).
describe.each(mediaBackends)('media in $name', (backend) => {
  let hub: RunningHub;
  let owner: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let communityId: string;

  beforeAll(async () => {
    await backend.setUp();
    hub = await backend.startHub();
    [owner, member, outsider] = await Promise.all([signUp(hub, 'Owner'), signUp(hub, 'Member'), signUp(hub, 'Outsider')]);
    communityId = (await createCommunity(hub, owner)).id;
    await addMember(hub, owner, communityId, member, 'member');
  });
  afterAll(async () => {
    await hub?.stop();
    await backend.tearDown();
  });

  const blobPath = (sha: string) => hubPath(hubEndpoints.blob.path, { sha256: sha });
  const metadataFor = (bytes: Buffer) => ({ sha256: sha256(bytes), communityId, filename: 'clip.mp4', type: 'video/mp4' });

  /**
   * tus-js-client's own HTTP stack with a meter on every PATCH body: counts the bytes that leave the
   * client, records the offsets chunks start at, and can stop the world at a given byte.
   */
  class MeteredHttpStack implements HttpStack {
    private readonly inner = new DefaultHttpStack({});
    sent = 0;
    patchOffsets: number[] = [];
    constructor(private onByte?: { at: number; run: () => Promise<void> }) {}

    getName(): string {
      return 'metered';
    }

    createRequest(method: string, url: string): HttpRequest {
      const request = this.inner.createRequest(method, url);
      const send = request.send.bind(request);
      request.send = (body: unknown) => {
        if (method !== 'PATCH' || !(body instanceof Object) || !('pipe' in body)) return send(body);
        this.patchOffsets.push(Number(request.getHeader('Upload-Offset')));
        const meter = this.meter();
        (body as NodeJS.ReadableStream).pipe(meter);
        return send(Object.assign(meter, { size: (body as { size?: number }).size }));
      };
      return request;
    }

    private meter(): Transform {
      let halted = false;
      const meter: Transform = new Transform({
        transform: (chunk: Buffer, _encoding, done: TransformCallback) => {
          if (halted) return done();
          const trigger = this.onByte;
          if (trigger && this.sent < trigger.at && this.sent + chunk.length >= trigger.at) {
            const head = trigger.at - this.sent;
            this.sent += head;
            meter.push(chunk.subarray(0, head));
            halted = true;
            this.onByte = undefined;
            void trigger.run().then(() => done());
            return;
          }
          this.sent += chunk.length;
          done(null, chunk);
        },
      });
      return meter;
    }
  }

  describe('resumable uploads', () => {
    it('survives the hub dying halfway through 50 MB: resumes, re-sends at most one chunk, verifies sha256', async () => {
      const size = 50 * MB;
      const chunkSize = 5 * MB;
      const file = path.join(hub.dataDir, 'lesson-original.mp4');
      const hash = createHash('sha256');
      const out = createWriteStream(file);
      for (let written = 0; written < size; written += MB) {
        const block = randomBytes(MB);
        hash.update(block);
        if (!out.write(block)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      const sha = hash.digest('hex');
      const metadata = { sha256: sha, communityId, filename: 'lesson-original.mp4', type: 'video/mp4' };
      const urlStorage = new MemoryUrlStorage();

      // First attempt: at 27.5 MB, in the middle of the sixth chunk, the hub drops every connection.
      const first = new MeteredHttpStack({ at: 27.5 * MB, run: () => hub.hub.abort() });
      const broken = await uploadWithTus(hub, owner, createReadStream(file), metadata, { chunkSize, urlStorage, httpStack: first });
      expect(broken.ok).toBe(false);

      await hub.restart();
      // Half an upload is no blob: nothing to see until every byte is in and verified.
      expect((await call(hub.url, 'HEAD', blobPath(sha), { token: member.token })).status).toBe(404);
      expect(await backend.blobStored(hub, sha)).toBe(false);
      const second = new MeteredHttpStack();
      const resumed = await uploadWithTus(hub, owner, createReadStream(file), metadata, {
        chunkSize,
        urlStorage,
        httpStack: second,
        resume: true,
      });
      expect(resumed).toEqual({ ok: true });

      expect(second.patchOffsets[0]).toBeGreaterThanOrEqual(25 * MB);
      const resent = first.sent + second.sent - size;
      expect(resent).toBeGreaterThanOrEqual(0);
      expect(resent).toBeLessThanOrEqual(chunkSize);

      const head = await call(hub.url, 'HEAD', blobPath(sha), { token: member.token });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe(String(size));
      const download = await fetch(`${hub.url}${blobPath(sha)}`, { headers: { authorization: `Bearer ${member.token}` } });
      const downloaded = createHash('sha256');
      await pipeline(Readable.fromWeb(download.body! as unknown as WebReadableStream), downloaded);
      expect(downloaded.digest('hex')).toBe(sha);
      expect(await backend.uploadsLeft(hub)).toEqual([]);
    }, 60_000);

    it('refuses an upload whose bytes do not match its sha256, and shows nothing', async () => {
      const bytes = randomBytes(64 * 1024);
      const claimed = sha256(Buffer.from('something else entirely'));
      const outcome = await uploadWithTus(hub, owner, bytes, { ...metadataFor(bytes), sha256: claimed });
      expect(outcome.ok).toBe(false);
      expect(outcome.status).toBe(HASH_MISMATCH_STATUS);
      expect(JSON.parse(outcome.body!)).toMatchObject({ code: 'hash_mismatch' });
      expect((await call(hub.url, 'GET', blobPath(claimed), { token: owner.token })).status).toBe(404);
      expect(await backend.blobStored(hub, claimed)).toBe(false);
      expect(await backend.uploadsLeft(hub)).toEqual([]);
    });

    it('refuses an upload larger than the hub allows before any byte is sent', async () => {
      const small = await backend.startHub({ maxUploadBytes: MB });
      try {
        const lead = await signUp(small, 'Lead');
        const community = (await createCommunity(small, lead)).id;
        const bytes = randomBytes(2 * MB);
        const outcome = await uploadWithTus(small, lead, bytes, {
          sha256: sha256(bytes),
          communityId: community,
          filename: 'big.mp4',
          type: 'video/mp4',
        });
        expect(outcome.status).toBe(413);
        expect(JSON.parse(outcome.body!)).toMatchObject({ code: 'payload_too_large' });
      } finally {
        await small.stop();
      }
    });

    it('requires metadata, and lets only the uploader resume an upload', async () => {
      const bare = await call(hub.url, 'POST', TUS_PATH, {
        token: owner.token,
        headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' },
      });
      expect(bare.status).toBe(400);
      expect(JSON.parse(bare.body)).toMatchObject({ code: 'invalid_input' });

      const meta = Object.entries(metadataFor(Buffer.from('0123456789')))
        .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
        .join(',');
      const created = await call(hub.url, 'POST', TUS_PATH, {
        token: owner.token,
        headers: { 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': meta },
      });
      expect(created.status).toBe(201);
      const location = created.headers.get('location')!;
      const peek = await call(hub.url, 'HEAD', location, { token: member.token, headers: { 'tus-resumable': '1.0.0' } });
      expect(peek.status).toBe(403);
      const mine = await call(hub.url, 'HEAD', location, { token: owner.token, headers: { 'tus-resumable': '1.0.0' } });
      expect(mine.headers.get('upload-offset')).toBe('0');
      const anonymous = await call(hub.url, 'HEAD', location, { headers: { 'tus-resumable': '1.0.0' } });
      expect(anonymous.status).toBe(401);
    });
  });

  describe('downloads', () => {
    it('serves byte ranges so an interrupted download resumes', async () => {
      const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
      expect((await uploadWithTus(hub, owner, bytes, metadataFor(bytes))).ok).toBe(true);
      const sha = sha256(bytes);
      const get = (range?: string) =>
        fetch(`${hub.url}${blobPath(sha)}`, { headers: { authorization: `Bearer ${member.token}`, ...(range && { range }) } });

      const whole = await get();
      expect(whole.status).toBe(200);
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      expect(whole.headers.get('etag')).toBe(`"${sha}"`);
      expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

      const firstPart = await get('bytes=0-399');
      expect(firstPart.status).toBe(206);
      expect(firstPart.headers.get('content-range')).toBe('bytes 0-399/1000');
      const rest = await get('bytes=400-');
      expect(rest.headers.get('content-range')).toBe('bytes 400-999/1000');
      const joined = Buffer.concat([Buffer.from(await firstPart.arrayBuffer()), Buffer.from(await rest.arrayBuffer())]);
      expect(sha256(joined)).toBe(sha);

      const tail = await get('bytes=-10');
      expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(990))).toBe(true);
      const beyond = await get('bytes=5000-');
      expect(beyond.status).toBe(416);
      expect(beyond.headers.get('content-range')).toBe('bytes */1000');
    });

    it('serves blobs to members only', async () => {
      const bytes = randomBytes(2048);
      expect((await uploadWithTus(hub, member, bytes, metadataFor(bytes))).ok).toBe(true);
      expect((await call(hub.url, 'GET', blobPath(sha256(bytes)), { token: owner.token })).status).toBe(200);
      const refused = await call(hub.url, 'GET', blobPath(sha256(bytes)), { token: outsider.token });
      expect(refused.status).toBe(403);
      expect((await call(hub.url, 'GET', blobPath(sha256(bytes)))).status).toBe(401);
    });

    it('forgets a lesson’s media when the lesson is unshared', async () => {
      const bytes = randomBytes(4096);
      const sha = sha256(bytes);
      expect((await uploadWithTus(hub, owner, bytes, metadataFor(bytes))).ok).toBe(true);
      const lessonId = uuidv7();
      await pushOk(hub, owner, [
        op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner, { mediaSha: sha, mediaBytes: bytes.length })),
      ]);
      expect((await call(hub.url, 'GET', blobPath(sha), { token: member.token })).status).toBe(200);
      expect(await backend.blobStored(hub, sha)).toBe(true);

      await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'delete')]);
      expect((await call(hub.url, 'GET', blobPath(sha), { token: member.token })).status).toBe(404);
      expect(await backend.blobStored(hub, sha)).toBe(false);
    });
  });
});
