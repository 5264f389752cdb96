import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell } from '../../../web/server';
import { makeTestVideo } from '../../fixtures/media';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/web-shell';

let core: TestCore;
let shell: Awaited<ReturnType<typeof startWebShell>>;
let renderer: string;
let token: string;
let posterId: string;
let originalId: string;
let originalBytes: Buffer;

/** Raw requests, so the test controls the Host header the way a rebinding attacker would. */
function request(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: shell.port,
        path: pathname,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${shell.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
const auth = () => ({ authorization: `Bearer ${token}` });
const rpc = (name: string, input: unknown, headers: Record<string, string> = auth()) =>
  request(`/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) });

beforeAll(async () => {
  core = await startTestCore();
  renderer = await tempDir('renderer');
  await fs.writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>studio</title>');
  shell = await startWebShell({ core, rendererDir: renderer, port: 0 });
  token = new URL(shell.url).searchParams.get('token')!;
  const media = await tempDir('shell-media');
  const video = await makeTestVideo(media, { name: 'range.mp4', seconds: 2, width: 160, height: 90 });
  const { results } = await core.api['lessons.import']({ sources: [{ kind: 'path', path: video }] });
  await core.jobs.idle();
  const lesson = await core.api['lessons.get']({ id: results[0]!.ok ? results[0]!.lesson.id : '' });
  posterId = lesson.posterAssetId!;
  originalId = lesson.assets.find((a) => a.kind === 'original')!.id;
  originalBytes = await fs.readFile(video);
});
afterAll(async () => {
  await shell.close();
  await core.dispose();
});

describe('browser shell', () => {
  it('listens on loopback and prints an address with the per-launch token', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses requests without the token, or with a wrong one', async () => {
    expect((await request('/')).status).toBe(401);
    expect((await rpc('lessons.list', {}, {})).status).toBe(401);
    expect((await rpc('lessons.list', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await request(`/media/${posterId}`)).status).toBe(401);
    expect((await request('/?token=wrong')).status).toBe(401);
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const res = await request('/rpc/lessons.list', {
      method: 'POST',
      headers: { ...auth(), host: 'evil.example:80', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('trades the token in the address for an HttpOnly cookie that then opens the page', async () => {
    const first = await request(`/?token=${token}`);
    expect(first.status).toBe(303);
    const cookie = first.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await request('/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    // Other ports of 127.0.0.1 are the same site: they may not embed what the shell serves either.
    expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(page.body.toString()).toContain('studio');
  });

  it('runs contract calls and turns errors into {code, message, params}', async () => {
    const ok = await rpc('lessons.list', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body.toString()).result.total).toBe(1);
    const bad = await rpc('notes.add', { lessonId: 'nope' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString())).toMatchObject({ code: 'invalid_input' });
    const missing = await rpc('lessons.get', { id: '0190a6a4-0000-7000-8000-000000000000' });
    expect(missing.status).toBe(404);
  });

  it('serves media by asset id with Range support', async () => {
    const whole = await request(`/media/${originalId}`, { headers: auth() });
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.body.equals(originalBytes)).toBe(true);
    const part = await request(`/media/${originalId}`, { headers: { ...auth(), range: 'bytes=10-109' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-109/${originalBytes.length}`);
    expect(part.body.equals(originalBytes.subarray(10, 110))).toBe(true);
    const poster = await request(`/media/${posterId}`, { headers: auth() });
    expect(poster.headers['content-type']).toBe('image/jpeg');
  });

  it('answers 404 for an unknown asset or anything that tries a path', async () => {
    expect((await request('/media/0190a6a4-0000-7000-8000-000000000000', { headers: auth() })).status).toBe(404);
    expect((await request('/media/..%2F..%2Fstudio.db', { headers: auth() })).status).toBe(404);
    expect((await request('/media/../studio.db', { headers: auth() })).status).toBe(404);
    expect((await request('/media/%2E%2E%2Fmedia', { headers: auth() })).status).toBe(404);
  });

  it('streams an upload into staging and imports it by id', async () => {
    const up = await request('/upload', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/octet-stream' },
      body: originalBytes,
    });
    expect(up.status).toBe(200);
    const { stagedId } = JSON.parse(up.body.toString()) as { stagedId: string };
    const res = await rpc('lessons.import', { sources: [{ kind: 'staged', stagedId, name: 'uploaded lesson.mp4' }] });
    const body = JSON.parse(res.body.toString());
    expect(body.result.results[0]).toMatchObject({ ok: true, lesson: { title: 'uploaded lesson' } });
    await core.jobs.idle();
  });
});
