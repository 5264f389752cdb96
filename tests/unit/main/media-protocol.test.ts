import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Protocol } from 'electron';
import type { Asset } from '../../../common/schemas/lesson';
import { createCore, type Core } from '../../../core';
import { silentLogger } from '../../../core/app/logger';
import { assetIdOf, handleMediaProtocol } from '../../../main/media-protocol';
import { makeTestVideo } from '../../fixtures/media';
import { protocol } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

let dir: string;
let core: Core;
let asset: Asset;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-main-media-'));
  core = await createCore({ dataDir: path.join(dir, 'library'), shell: 'electron', version: '0.0.0-test' });
  const video = await makeTestVideo(dir, { seconds: 1, width: 160, height: 120, audio: false });
  const { results } = await core.api['lessons.import']({ sources: [{ kind: 'path', path: video }] });
  const first = results[0];
  if (!first?.ok) throw new Error(`import failed: ${JSON.stringify(first)}`);
  const found = first.lesson.assets.find((a) => a.kind === 'original');
  if (!found) throw new Error('imported lesson has no original asset');
  asset = found;
  handleMediaProtocol(protocol as unknown as Protocol, core, silentLogger);
}, 60_000);

afterAll(async () => {
  await core.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => protocol.handlers.get('pcmedia')!(new Request(url, { headers }));

describe('pcmedia:// protocol', () => {
  it('answers a Range request with 206 and exactly the bytes asked for', async () => {
    const res = await get(`pcmedia://asset/${asset.id}`, { range: 'bytes=0-99' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-99/${asset.sizeBytes}`);
    expect((await res.arrayBuffer()).byteLength).toBe(100);
    expect(res.headers.get('access-control-allow-origin')).toBe('app://studio');
  });

  it('serves the whole file without a Range header', async () => {
    const res = await get(`pcmedia://asset/${asset.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^video\//);
    expect((await res.arrayBuffer()).byteLength).toBe(asset.sizeBytes);
  });

  it('answers 404 for an id it does not know', async () => {
    const res = await get('pcmedia://asset/01890000-0000-7000-8000-000000000000');
    expect(res.status).toBe(404);
  });

  it('answers 404 for anything that is not one plain id, never touching a path', async () => {
    const dbPath = encodeURIComponent(path.join(dir, 'library', 'studio.db'));
    for (const url of [
      'pcmedia://asset/../../etc/passwd',
      'pcmedia://asset/..%2f..%2fetc%2fpasswd',
      `pcmedia://asset/${dbPath}`,
      `pcmedia://asset/${asset.id}/..%2f..%2fstudio.db`,
      `pcmedia://asset/${asset.id}%2f..`,
      `pcmedia://asset/${asset.id}?file=/etc/passwd`,
      `pcmedia://elsewhere/${asset.id}`,
      'pcmedia://asset/',
      'pcmedia://asset/%E0%A4%A',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('reads ids from URLs made the way the preload makes them', () => {
    expect(assetIdOf(`pcmedia://asset/${encodeURIComponent(asset.id)}`)).toBe(asset.id);
    expect(assetIdOf(`app://asset/${asset.id}`)).toBeNull();
  });
});
