import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DefaultHttpStack, type HttpRequest, type HttpStack } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH_MISMATCH_STATUS, hubEndpoints, hubPath, TUS_PATH, type UploadMetadata } from '../../../common/hub-api';
import { makeMediaDir, makeTestAudio, makeTestPhoto, makeTestVideo, makeTextFile } from '../../fixtures/media';
import { addMember, createCommunity, signUp, startHub, type RunningHub, type TestUser } from './helpers';
import { HUB_DIALECT } from '../../support/hub-database';
import { sha256, uploadWithTus } from './tus';

/**
 * Small bounds, so a connection that breaks them is seen to close within a test's patience. The idle
 * bound also runs while the hub works on an answer, so it stays above a sign-up's password hashing.
 */
const BOUNDS = { headersMs: 400, idleMs: 1500, requestMs: 20_000 };

let hub: RunningHub;
let owner: TestUser;
let member: TestUser;
let communityId: string;

beforeAll(async () => {
  hub = await startHub({ timeouts: BOUNDS });
  [owner, member] = await Promise.all([signUp(hub, 'Owner'), signUp(hub, 'Member')]);
  communityId = (await createCommunity(hub, owner)).id;
  await addMember(hub, owner, communityId, member, 'member');
});
afterAll(async () => {
  await hub.stop();
});

const blobPath = (sha: string) => hubPath(hubEndpoints.blob.path, { sha256: sha });
const metadataFor = (bytes: Buffer, type = 'video/mp4', filename = 'clip.mp4'): UploadMetadata => ({
  sha256: sha256(bytes),
  communityId,
  filename,
  type,
});
const download = (sha: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${hub.url}${blobPath(sha)}`, { method, headers: { authorization: `Bearer ${member.token}`, ...headers } });

/** A connection the test writes to byte by byte, as an attacker or a very slow link would. */
async function rawConnection(): Promise<net.Socket> {
  const socket = net.connect(hub.hub.port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/**
 * How a raw connection ends: the status of the hub's first answer (null if it never answered) and
 * how long after `since` the hub closed the connection.
 */
function ending(socket: net.Socket, since: () => number = performance.now.bind(performance)) {
  let received = '';
  socket.setEncoding('latin1');
  socket.on('data', (text: string) => (received += text));
  socket.on('error', () => undefined);
  return new Promise<{ status: number | null; afterMs: number }>((resolve) =>
    socket.once('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      resolve({ status: status ? Number(status) : null, afterMs: performance.now() - since() });
    }),
  );
}

/** The status line of the first answer on a raw connection, or null if the hub closed it unanswered. */
function firstStatus(socket: net.Socket): Promise<number | null> {
  return new Promise((resolve) => {
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      received += text;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      if (status) resolve(Number(status));
    });
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(null));
  });
}

const tusMetadataHeader = (metadata: UploadMetadata) =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

/** Creates an upload (no bytes yet) and answers its path. */
async function createUpload(bytes: Buffer): Promise<string> {
  const res = await fetch(`${hub.url}${TUS_PATH}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${owner.token}`,
      'tus-resumable': '1.0.0',
      'upload-length': String(bytes.length),
      'upload-metadata': tusMetadataHeader(metadataFor(bytes)),
    },
  });
  expect(res.status).toBe(201);
  return res.headers.get('location')!;
}

const patchHead = (location: string, length: number, offset = 0) =>
  [
    `PATCH ${location} HTTP/1.1`,
    'Host: 127.0.0.1',
    `Authorization: Bearer ${owner.token}`,
    'Tus-Resumable: 1.0.0',
    `Upload-Offset: ${offset}`,
    'Content-Type: application/offset+octet-stream',
    `Content-Length: ${length}`,
    '',
    '',
  ].join('\r\n');

describe('connections that never finish a request', () => {
  it('answers a malformed Host header with 400, on the upload route as elsewhere', { timeout: 10_000 }, async () => {
    const requests = [
      `POST ${TUS_PATH} HTTP/1.1\r\nHost: a b\r\nAuthorization: Bearer ${owner.token}\r\nTus-Resumable: 1.0.0\r\nUpload-Length: 10\r\nContent-Length: 0\r\n\r\n`,
      `GET ${hubEndpoints.health.path} HTTP/1.1\r\nHost: a b\r\n\r\n`,
      `GET ${hubEndpoints.health.path} HTTP/1.1\r\nHost: <script>\r\n\r\n`,
    ];
    for (const request of requests) {
      const socket = await rawConnection();
      const status = firstStatus(socket);
      socket.write(request);
      expect(await status).toBe(400);
      socket.destroy();
    }
  });

  it('closes a connection that sends half a header and stalls, within the bound', { timeout: 10_000 }, async () => {
    const socket = await rawConnection();
    const sentAt = performance.now();
    const ended = ending(socket, () => sentAt);
    socket.write(`GET ${hubEndpoints.health.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: `);
    const { afterMs } = await ended;
    expect(afterMs).toBeGreaterThanOrEqual(BOUNDS.headersMs - 50);
    expect(afterMs).toBeLessThan(BOUNDS.headersMs + 1500);
  });

  it('closes a connection that sends nothing at all, within the bound', { timeout: 10_000 }, async () => {
    const socket = await rawConnection();
    const openedAt = performance.now();
    const { status, afterMs } = await ending(socket, () => openedAt);
    expect(status === null || status === 408).toBe(true);
    expect(afterMs).toBeLessThan(BOUNDS.headersMs + 1500);
  });

  it('cuts an upload whose body stops arriving', { timeout: 10_000 }, async () => {
    const bytes = randomBytes(4000);
    const location = await createUpload(bytes);
    const socket = await rawConnection();
    let lastByteAt = 0;
    const ended = ending(socket, () => lastByteAt);
    socket.write(patchHead(location, bytes.length) + bytes.subarray(0, 1000).toString('latin1'), 'latin1', () => {
      lastByteAt = performance.now();
    });
    const { afterMs } = await ended;
    expect(afterMs).toBeGreaterThanOrEqual(BOUNDS.idleMs - 50);
    expect(afterMs).toBeLessThan(BOUNDS.idleMs + 1500);
    expect((await download(sha256(bytes))).status).toBe(404);
  });

  it('keeps an upload whose body trickles in slowly but steadily, for longer than any idle bound', { timeout: 15_000 }, async () => {
    const bytes = randomBytes(5000);
    const location = await createUpload(bytes);
    const socket = await rawConnection();
    const status = firstStatus(socket);
    socket.write(patchHead(location, bytes.length));
    // 25 pieces 100 ms apart: 2.5 s in all, longer than the idle bound, never idle for as long as it.
    const pieces = 25;
    const size = bytes.length / pieces;
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        socket.write(bytes.subarray(sent * size, (sent + 1) * size));
        sent += 1;
        if (sent === pieces) {
          clearInterval(timer);
          resolve();
        }
      }, 100);
    });
    expect(await status).toBe(204);
    socket.destroy();
    const res = await download(sha256(bytes));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

/** A request with a Host header of the test's choosing (fetch will not send one). */
function postWithHost(url: string, route: string, host: string, token: string, body: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${route}`, {
      method: 'POST',
      headers: { host, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    request.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('invite links', () => {
  it('takes the hub’s address from its configuration, never from the Host header', async () => {
    const configured = await startHub({ publicUrl: 'https://hub.school.example/circle/' });
    try {
      const lead = await signUp(configured, 'Lead');
      const community = await createCommunity(configured, lead);
      const route = hubPath(hubEndpoints.createInvite.path, { communityId: community.id });
      const res = await postWithHost(configured.url, route, 'phish.example', lead.token, { role: 'member' });
      expect(res.status).toBe(201);
      expect(res.body.link).toBe(`https://hub.school.example/circle/join/${res.body.code}`);
    } finally {
      await configured.stop();
    }
  });

  it('uses the address the hub listens on when none is configured', async () => {
    const route = hubPath(hubEndpoints.createInvite.path, { communityId });
    const res = await postWithHost(hub.url, route, 'phish.example', owner.token, { role: 'member' });
    expect(res.status).toBe(201);
    expect(res.body.link).toBe(`${hub.url}/join/${res.body.code}`);
    expect(res.body.link).not.toContain('phish');
  });
});

describe('blobs', () => {
  let mediaDir: string;
  beforeAll(async () => {
    mediaDir = await makeMediaDir();
  });
  afterAll(async () => {
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('serves an upload that claims to be HTML as bytes to save, never as a page', async () => {
    const page = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    expect((await uploadWithTus(hub, owner, page, metadataFor(page, 'text/html', 'lesson.html'))).ok).toBe(true);
    const sha = sha256(page);
    for (const res of [await download(sha), await download(sha, { range: 'bytes=0-14' }), await download(sha, {}, 'HEAD')]) {
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    }
    const part = await download(sha, { range: 'bytes=0-14' });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('<!doctype html>');
  });

  it('serves media as the type its own bytes show, whatever the uploader declared', { timeout: 60_000 }, async () => {
    const png = await makeTestPhoto(mediaDir, 'frame.png');
    const peaks = path.join(mediaDir, 'peaks.json');
    await writeFile(peaks, JSON.stringify({ version: 1, peaks: [0, 12, 80, 127, 64] }));
    const files: Array<[string, string]> = [
      [await makeTestVideo(mediaDir, { seconds: 1, width: 160, height: 120 }), 'video/mp4'],
      [await makeTestVideo(mediaDir, { seconds: 1, width: 160, height: 120, container: 'webm' }), 'video/webm'],
      [await makeTestVideo(mediaDir, { seconds: 1, width: 160, height: 120, container: 'mov' }), 'video/quicktime'],
      [await makeTestVideo(mediaDir, { seconds: 1, width: 160, height: 120, container: 'mkv' }), 'video/x-matroska'],
      [await makeTestAudio(mediaDir, 1), 'audio/mp4'],
      [await makeTestPhoto(mediaDir), 'image/jpeg'],
      [png, 'image/png'],
      [peaks, 'application/json'],
      [await makeTextFile(mediaDir), 'application/octet-stream'],
    ];
    for (const [file, expected] of files) {
      const bytes = await readFile(file);
      expect((await uploadWithTus(hub, owner, bytes, metadataFor(bytes, 'text/html', path.basename(file)))).ok).toBe(true);
      const res = await download(sha256(bytes));
      expect([path.basename(file), res.headers.get('content-type')]).toEqual([path.basename(file), expected]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });
});

/** Every folder and file under `dir`, with its permission bits. */
async function modesUnder(dir: string): Promise<Map<string, number>> {
  const modes = new Map<string, number>([['.', (await stat(dir)).mode & 0o777]]);
  for (const entry of await readdir(dir, { recursive: true })) {
    modes.set(entry, (await stat(path.join(dir, entry))).mode & 0o777);
  }
  return modes;
}

/** The database's own files, in the data folder only when the hub runs on SQLite. */
const sqliteFiles = HUB_DIALECT === 'sqlite' ? ['hub.sqlite', 'hub.sqlite-wal', 'hub.sqlite-shm'] : [];

describe('data files', () => {
  it('keeps the data folder, database, uploads and blobs to the hub’s own account', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'pc-hub-modes-'));
    const dataDir = path.join(parent, 'hub-data');
    const umask = process.umask(0o022);
    const private_ = await startHub({ dataDir }).finally(() => process.umask(umask));
    try {
      const lead = await signUp(private_, 'Lead');
      const community = await createCommunity(private_, lead);
      const finished = randomBytes(5000);
      const meta = { sha256: sha256(finished), communityId: community.id, filename: 'clip.mp4', type: 'video/mp4' };
      expect((await uploadWithTus(private_, lead, finished, meta)).ok).toBe(true);
      // An upload under way: created, not yet sent.
      const pending = await fetch(`${private_.url}${TUS_PATH}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${lead.token}`,
          'tus-resumable': '1.0.0',
          'upload-length': '100',
          'upload-metadata': tusMetadataHeader({ ...meta, sha256: 'b'.repeat(64) }),
        },
      });
      expect(pending.status).toBe(201);
      const pendingId = path.basename(pending.headers.get('location')!);

      const modes = await modesUnder(dataDir);
      const sha = sha256(finished);
      for (const name of [
        ...sqliteFiles,
        path.join('uploads', pendingId),
        path.join('uploads', `${pendingId}.json`),
        path.join('blobs', sha.slice(0, 2), sha),
      ]) {
        expect([name, modes.get(name)]).toEqual([name, 0o600]);
      }
      for (const name of ['.', 'uploads', 'blobs', path.join('blobs', sha.slice(0, 2))]) {
        expect([name, modes.get(name)]).toEqual([name, 0o700]);
      }
      // Nothing else in there is readable by anyone but the hub.
      for (const [name, mode] of modes) expect([name, mode & 0o077]).toEqual([name, 0]);
    } finally {
      await private_.stop();
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('closes up a data folder that an earlier hub left readable to all', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'pc-hub-modes-'));
    const dataDir = path.join(parent, 'hub-data');
    await mkdir(path.join(dataDir, 'blobs'), { recursive: true, mode: 0o755 });
    await chmod(dataDir, 0o755);
    const earlier = await startHub({ dataDir });
    await earlier.stop();
    for (const name of sqliteFiles) {
      await chmod(path.join(dataDir, name), 0o644).catch(() => undefined);
    }
    await chmod(dataDir, 0o755);
    const later = await startHub({ dataDir });
    try {
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      for (const name of sqliteFiles.slice(0, 1)) expect((await stat(path.join(dataDir, name))).mode & 0o777).toBe(0o600);
      expect((await stat(path.join(dataDir, 'blobs'))).mode & 0o777).toBe(0o700);
    } finally {
      await later.stop();
      await rm(parent, { recursive: true, force: true });
    }
  });
});

/** tus-js-client's own HTTP stack, noting the method of every request it makes. */
class RecordingHttpStack implements HttpStack {
  private readonly inner = new DefaultHttpStack({});
  readonly methods: string[] = [];

  getName(): string {
    return 'recording';
  }

  createRequest(method: string, url: string): HttpRequest {
    this.methods.push(method);
    return this.inner.createRequest(method, url);
  }
}

describe('creation with upload', () => {
  it('takes a whole small file in the request that creates the upload', async () => {
    const bytes = randomBytes(300_000);
    const stack = new RecordingHttpStack();
    const outcome = await uploadWithTus(hub, owner, bytes, metadataFor(bytes), { uploadDataDuringCreation: true, httpStack: stack });
    expect(outcome).toEqual({ ok: true });
    expect(stack.methods).toEqual(['POST']);
    const res = await download(sha256(bytes));
    expect(res.status).toBe(200);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes));
  });

  it('takes the first chunk with the creating request and the rest as usual', async () => {
    const chunk = 256 * 1024;
    const bytes = randomBytes(3 * chunk - 1000);
    const stack = new RecordingHttpStack();
    const outcome = await uploadWithTus(hub, owner, bytes, metadataFor(bytes), {
      uploadDataDuringCreation: true,
      chunkSize: chunk,
      httpStack: stack,
    });
    expect(outcome).toEqual({ ok: true });
    expect(stack.methods).toEqual(['POST', 'PATCH', 'PATCH']);
    const res = await download(sha256(bytes));
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes));
  });

  it('refuses a whole file whose bytes do not match its sha256, and keeps nothing', async () => {
    const bytes = randomBytes(10_000);
    const claimed = sha256(randomBytes(16));
    const outcome = await uploadWithTus(hub, owner, bytes, { ...metadataFor(bytes), sha256: claimed }, { uploadDataDuringCreation: true });
    expect(outcome.ok).toBe(false);
    expect(outcome.status).toBe(HASH_MISMATCH_STATUS);
    expect((await download(claimed)).status).toBe(404);
    expect((await download(sha256(bytes))).status).toBe(404);
  });
});
