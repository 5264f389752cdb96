import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Protocol, Session } from 'electron';
import { FakeSession, protocol } from './electron-stand-in';
import { handleAppProtocol } from '../../../main/app-protocol';
import { CONTENT_SECURITY_POLICY, installCsp } from '../../../main/csp';

vi.mock('electron', () => import('./electron-stand-in'));

let root: string;
let rendererDir: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-app-protocol-'));
  rendererDir = path.join(root, 'renderer');
  await fs.mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Practice Circle</title>');
  await fs.writeFile(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  await fs.writeFile(path.join(root, 'secret.txt'), 'outside the renderer');
  handleAppProtocol(protocol as unknown as Protocol, rendererDir);
});

afterAll(() => fs.rm(root, { recursive: true, force: true }));

const get = (url: string) => protocol.handlers.get('app')!(new Request(url));

describe('app:// protocol', () => {
  it('serves the built renderer with its type and our policy', async () => {
    const page = await get('app://studio/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('Practice Circle');
    const script = await get('app://studio/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for missing files, other hosts and anything that climbs out of the renderer', async () => {
    for (const url of [
      'app://studio/missing.js',
      'app://studio/assets',
      'app://elsewhere/index.html',
      'app://studio/..%2fsecret.txt',
      'app://studio/assets/..%2f..%2fsecret.txt',
      'app://studio/%2e%2e/secret.txt',
      'app://studio/..%5csecret.txt',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });
});

describe('content security policy', () => {
  it('allows our own code and media scheme only: no eval, no inline script, nothing remote', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toMatch(/media-src 'self' pcmedia:/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/img-src 'self' pcmedia:/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('replaces any policy a response brings with ours', () => {
    const ses = new FakeSession();
    installCsp(ses as unknown as Session);
    let response: unknown;
    ses.headersListener?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      (r) => (response = r),
    );
    expect(response).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});
