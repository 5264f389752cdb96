import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyThread } from '../../../core/packages/copy-thread';
import { ZipWriter } from '../../../core/packages/zip-writer';
import { tempDir } from '../../support/web-shell';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('zip-writer');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const video = randomBytes(9 * 1024 * 1024 + 17);
const poster = randomBytes(3000);
const json = Buffer.from(JSON.stringify({ title: 'وقت الانتظار', notes: Array.from({ length: 200 }, (_, i) => `note ${i}`) }));

/** A package-like zip: a stored entry copied in chunks (CRC-32 sealed afterwards), one whose CRC-32 is known, a deflated one. */
async function write(name: string, forceZip64: boolean): Promise<string> {
  const file = path.join(dir, name);
  const source = path.join(dir, `${name}.video`);
  await fs.writeFile(source, video);
  const out = await fs.open(file, 'wx');
  const src = await fs.open(source, 'r');
  try {
    const zip = new ZipWriter(out.fd, new Date(2025, 5, 1, 12, 30, 10), forceZip64);
    const { entry, dataOffset } = await zip.beginStored('media/l1/proxy.mp4', video.length, null);
    const thread = new CopyThread();
    let chunks = 0;
    const sums = await thread
      .copy(
        {
          from: { fd: src.fd, position: 0 },
          to: { fd: out.fd, position: dataOffset },
          length: video.length,
          sums: { sha256: false, crc32: true },
        },
        new AbortController().signal,
        () => chunks++,
      )
      .finally(() => thread.close());
    expect(chunks).toBeGreaterThan(1);
    expect(sums).toEqual({ sha256: null, crc32: zlib.crc32(video) });
    await zip.sealStored(entry, sums.crc32!);
    const known = await zip.beginStored('media/l1/poster.jpg', poster.length, zlib.crc32(poster));
    await out.write(poster, 0, poster.length, known.dataOffset);
    await zip.addBuffer('data/lessons/l1.json', json, true);
    await zip.finish();
  } finally {
    await out.close();
    await src.close();
  }
  return file;
}

async function readAll(file: string): Promise<Map<string, { data: Buffer; crc32: number; method: number }>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const out = new Map<string, { data: Buffer; crc32: number; method: number }>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, async (err, stream) => {
        if (err) return reject(err);
        const parts: Buffer[] = [];
        for await (const p of stream) parts.push(p as Buffer);
        out.set(entry.fileName, { data: Buffer.concat(parts), crc32: entry.crc32, method: entry.compressionMethod });
        zip.readEntry();
      });
    });
    zip.readEntry();
  });
  zip.close();
  return out;
}

describe('the package zip writer', () => {
  it.each([
    ['plain', false],
    ['ZIP64', true],
  ])('writes a %s zip that yauzl and unzip read back, every CRC-32 right', async (_what, forceZip64) => {
    const file = await write(`${forceZip64 ? 'z64' : 'plain'}.zip`, forceZip64);
    const entries = await readAll(file);
    expect([...entries.keys()]).toEqual(['media/l1/proxy.mp4', 'media/l1/poster.jpg', 'data/lessons/l1.json']);
    expect(entries.get('media/l1/proxy.mp4')!.data.equals(video)).toBe(true);
    expect(entries.get('media/l1/poster.jpg')!.data.equals(poster)).toBe(true);
    expect(entries.get('data/lessons/l1.json')!.data.equals(json)).toBe(true);
    expect(entries.get('data/lessons/l1.json')!.method).toBe(8);
    for (const e of entries.values()) expect(e.crc32).toBe(zlib.crc32(e.data));
    // Any unzip tool accepts it: Info-ZIP's test checks every CRC-32 and header.
    const unzip = await promisify(execFile)('unzip', ['-t', file]).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (unzip) expect(unzip.stdout).toMatch(/No errors detected/);
  });
});
