import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMediaRange } from '../../../core/media/serve';
import { makeMediaDir } from '../../fixtures/media';

async function read(body: Readable | null): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('openMediaRange', () => {
  let dir: string;
  let file: string;
  const content = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  beforeAll(async () => {
    dir = await makeMediaDir();
    file = path.join(dir, 'proxy.mp4');
    await fs.writeFile(file, content);
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('serves the whole file without a Range header', async () => {
    const res = await openMediaRange(file, 'video/mp4', undefined);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'Accept-Ranges': 'bytes',
      'Content-Length': '1000',
      'Content-Type': 'video/mp4',
      'Cache-Control': 'no-cache',
    });
    expect(res.headers['Content-Range']).toBeUndefined();
    expect((await read(res.body)).equals(content)).toBe(true);
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=900-', 900, 999],
    ['bytes=-100', 900, 999],
    ['bytes=990-5000', 990, 999],
    ['bytes=10-19, 30-39', 10, 19],
  ])('answers %s with 206 and exactly those bytes', async (range, start, end) => {
    const res = await openMediaRange(file, 'video/mp4', range);
    expect(res.status).toBe(206);
    expect(res.headers).toMatchObject({
      'Accept-Ranges': 'bytes',
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/1000`,
      'Content-Type': 'video/mp4',
    });
    expect((await read(res.body)).equals(content.subarray(start, end + 1))).toBe(true);
  });

  it('answers a range past the end with 416 and the real size', async () => {
    const res = await openMediaRange(file, 'video/mp4', 'bytes=1000-1100');
    expect(res.status).toBe(416);
    expect(res.headers['Content-Range']).toBe('bytes */1000');
    expect(res.body).toBeNull();
  });

  it('ignores a Range header it cannot parse, as HTTP asks, and serves everything', async () => {
    for (const range of ['bytes=abc', 'items=0-5']) {
      const res = await openMediaRange(file, 'video/mp4', range);
      expect(res.status).toBe(200);
      expect((await read(res.body)).length).toBe(1000);
    }
  });

  it('refuses missing files and relative paths', async () => {
    await expect(openMediaRange(path.join(dir, 'gone.mp4'), 'video/mp4', undefined)).rejects.toMatchObject({ code: 'file_not_found' });
    await expect(openMediaRange('proxy.mp4', 'video/mp4', undefined)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
