import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell } from '../../../web/server';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/web-shell';

/**
 * Another port of 127.0.0.1 is the same site, so the SameSite=Strict cookie goes along with its
 * requests: the shell itself has to tell its own page from a neighbour's.
 */
let core: TestCore;
let hub: HubProcess;
let hubDir: string;
let shell: Awaited<ReturnType<typeof startWebShell>>;
let cookie: string;
let own: string;

function request(pathname: string, headers: Record<string, string>, body = '') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: shell.port, path: pathname, method: 'POST', headers: { host: `127.0.0.1:${shell.port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** What the studio's own page sends from Chromium. */
const fromOwnPage = () => ({ cookie, origin: own, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });

async function call(name: string, input: unknown) {
  const res = await request(`/rpc/${name}`, fromOwnPage(), JSON.stringify(input));
  expect(res.status, res.body).toBe(200);
  return (JSON.parse(res.body) as { result: Record<string, unknown> }).result;
}

const signedIn = async () => (await call('hub.status', {})).account !== null;
const displayName = async () => (await call('settings.get', {})).displayName;
const staged = async () => fs.readdir(path.join(core.dataDir, 'staging'));

beforeAll(async () => {
  hubDir = await tempDir('origin-hub');
  [core, hub] = await Promise.all([startTestCore(), startHubProcess(hubDir)]);
  const renderer = await tempDir('origin-renderer');
  await fs.writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>studio</title>');
  shell = await startWebShell({ core, rendererDir: renderer, port: 0 });
  own = new URL(shell.url).origin;
  cookie = `pc_token=${new URL(shell.url).searchParams.get('token')}`;
  await call('hub.signUp', {
    hubUrl: hub.url,
    email: `origin-${crypto.randomUUID()}@example.org`,
    password: crypto.randomBytes(12).toString('base64url'),
    displayName: 'Amina',
  });
  await call('settings.set', { displayName: 'Amina' });
}, 60_000);
afterAll(async () => {
  await shell?.close();
  await core?.dispose();
  await hub?.stop();
  await fs.rm(hubDir, { recursive: true, force: true });
});

describe('state-changing requests from anywhere but the studio page', () => {
  const neighbour = 'http://127.0.0.1:6006';

  it("refuses a neighbour page's no-cors sign-out, and the studio stays signed in", async () => {
    // Exactly what a page on another port sends for fetch(url, {method: 'POST', mode: 'no-cors', body: '{}'}).
    const res = await request(
      '/rpc/hub.signOut',
      { cookie, origin: neighbour, 'sec-fetch-site': 'same-site', 'content-type': 'text/plain;charset=UTF-8' },
      '{}',
    );
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'forbidden' });
    expect(await signedIn()).toBe(true);
  });

  it('refuses a foreign Origin even with a JSON body', async () => {
    const res = await request('/rpc/settings.set', { ...fromOwnPage(), origin: neighbour }, JSON.stringify({ displayName: 'Mallory' }));
    expect(res.status).toBe(403);
    expect(await displayName()).toBe('Amina');
  });

  it('refuses what the browser says came from another origin of the site, whatever the Origin says', async () => {
    const res = await request(
      '/rpc/settings.set',
      { ...fromOwnPage(), 'sec-fetch-site': 'same-site' },
      JSON.stringify({ displayName: 'Mallory' }),
    );
    expect(res.status).toBe(403);
    const crossSite = await request('/rpc/hub.signOut', { ...fromOwnPage(), 'sec-fetch-site': 'cross-site' }, '{}');
    expect(crossSite.status).toBe(403);
    expect(await displayName()).toBe('Amina');
    expect(await signedIn()).toBe(true);
  });

  it('refuses a cookie-borne request with no Origin, or an opaque one', async () => {
    const { origin: _own, ...noOrigin } = fromOwnPage();
    expect((await request('/rpc/hub.signOut', noOrigin, '{}')).status).toBe(403);
    expect((await request('/rpc/hub.signOut', { ...fromOwnPage(), origin: 'null' }, '{}')).status).toBe(403);
    expect(await signedIn()).toBe(true);
  });

  it('refuses uploads and binary calls from a neighbour before taking any bytes', async () => {
    const headers = { cookie, origin: neighbour, 'sec-fetch-site': 'same-site', 'content-type': 'application/octet-stream' };
    expect((await request('/upload', headers, 'not a video')).status).toBe(403);
    expect(await staged()).toEqual([]);
    expect((await request('/rpc-binary/recordings.append?input=%7B%7D', headers, 'bytes')).status).toBe(403);
  });

  it('refuses a contract call whose body is not JSON with 415, even from the studio page', async () => {
    const res = await request(
      '/rpc/settings.set',
      { ...fromOwnPage(), 'content-type': 'text/plain' },
      JSON.stringify({ displayName: 'Mallory' }),
    );
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'unsupported_media_type', params: { expected: 'application/json' } });
    const none = await request('/rpc/hub.signOut', { cookie, origin: own, 'sec-fetch-site': 'same-origin' });
    expect(none.status).toBe(415);
    expect(await displayName()).toBe('Amina');
    expect(await signedIn()).toBe(true);
  });

  it('answers malformed JSON with the usual error payload, not a crash', async () => {
    const res = await request('/rpc/settings.set', fromOwnPage(), '{"displayName":');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'invalid_input' });
  });

  it("still runs the studio page's own calls, with or without Sec-Fetch-Site (older browsers), and from localhost", async () => {
    const { 'sec-fetch-site': _site, ...olderBrowser } = fromOwnPage();
    expect((await request('/rpc/settings.set', olderBrowser, JSON.stringify({ displayName: 'Amina B.' }))).status).toBe(200);
    const viaLocalhost = await request(
      '/rpc/settings.set',
      { ...fromOwnPage(), host: `localhost:${shell.port}`, origin: `http://localhost:${shell.port}` },
      JSON.stringify({ displayName: 'Amina' }),
    );
    expect(viaLocalhost.status).toBe(200);
    // A page opened from the address bar or a bookmark reports `none`.
    expect((await request('/rpc/app.info', { ...fromOwnPage(), 'sec-fetch-site': 'none' }, '{}')).status).toBe(200);
    await call('hub.signOut', {});
    expect(await signedIn()).toBe(false);
  });
});
