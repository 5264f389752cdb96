import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { borrowCopyThread, CopyThread, giveBack } from '../../../core/packages/copy-thread';
import { tempDir } from '../../support/web-shell';

let dir: string;
let thread: CopyThread;
const bytes = randomBytes(5 * 1024 * 1024 + 333);

beforeAll(async () => {
  dir = await tempDir('copy-thread');
  await fs.writeFile(path.join(dir, 'source'), bytes);
  thread = new CopyThread();
});
afterAll(async () => {
  await thread.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Opens the source and a fresh target, and closes both after `use`. */
async function withFiles<T>(name: string, use: (source: number, target: number) => Promise<T>): Promise<T> {
  const source = await fs.open(path.join(dir, 'source'), 'r');
  const target = await fs.open(path.join(dir, name), 'w+');
  try {
    return await use(source.fd, target.fd);
  } finally {
    await source.close();
    await target.close();
  }
}

describe('CopyThread', () => {
  it('copies a range to a place in another file, with the checksums asked for, reporting each chunk', async () => {
    const from = 1000;
    const length = bytes.length - from - 10;
    const part = bytes.subarray(from, from + length);
    let reported = 0;
    const sums = await withFiles('range', (source, target) =>
      thread.copy(
        { from: { fd: source, position: from }, to: { fd: target, position: 7 }, length, sums: { sha256: true, crc32: true } },
        new AbortController().signal,
        (n) => (reported += n),
      ),
    );
    expect(sums).toEqual({ sha256: createHash('sha256').update(part).digest('hex'), crc32: zlib.crc32(part) });
    expect(reported).toBe(length);
    const written = await fs.readFile(path.join(dir, 'range'));
    expect(written.subarray(7).equals(part)).toBe(true);
  });

  it('stops when cancelled, settling only once it has let go of the files, and copies again afterwards', async () => {
    // 4 GiB of holes into /dev/null: a second or more of copying, so the cancel lands mid-copy.
    const sparse = path.join(dir, 'sparse');
    await fs.writeFile(sparse, '');
    await fs.truncate(sparse, 4 * 1024 ** 3);
    const source = await fs.open(sparse, 'r');
    const sink = await fs.open('/dev/null', 'w');
    const stop = new AbortController();
    const reason = new Error('cancelled');
    let reported = 0;
    try {
      const cancelled = thread.copy(
        {
          from: { fd: source.fd, position: 0 },
          to: { fd: sink.fd, position: 0 },
          length: 4 * 1024 ** 3,
          sums: { sha256: false, crc32: false },
        },
        stop.signal,
        (n) => {
          reported += n;
          stop.abort(reason);
        },
      );
      await expect(cancelled).rejects.toBe(reason);
      expect(reported).toBeGreaterThan(0);
      expect(reported).toBeLessThan(4 * 1024 ** 3);
    } finally {
      await source.close();
      await sink.close();
    }
    const sums = await withFiles('after', (from, to) =>
      thread.copy(
        { from: { fd: from, position: 0 }, to: { fd: to, position: 0 }, length: 100, sums: { sha256: false, crc32: true } },
        new AbortController().signal,
      ),
    );
    expect(sums).toEqual({ sha256: null, crc32: zlib.crc32(bytes.subarray(0, 100)) });
  });

  it('fails on a source shorter than the range, and is still usable', async () => {
    await expect(
      withFiles('short', (source, target) =>
        thread.copy(
          {
            from: { fd: source, position: bytes.length - 10 },
            to: { fd: target, position: 0 },
            length: 100,
            sums: { sha256: false, crc32: true },
          },
          new AbortController().signal,
        ),
      ),
    ).rejects.toThrow(/unexpected end of file/);
    const sums = await withFiles('again', (source, target) =>
      thread.copy(
        { from: { fd: source, position: 0 }, to: { fd: target, position: 0 }, length: 10, sums: { sha256: true, crc32: false } },
        new AbortController().signal,
      ),
    );
    expect(sums.sha256).toBe(createHash('sha256').update(bytes.subarray(0, 10)).digest('hex'));
  });

  it('rests once given back, for the next export or import to borrow, unless it failed', async () => {
    const first = borrowCopyThread();
    giveBack(first);
    const again = borrowCopyThread();
    expect(again).toBe(first);
    const sums = await withFiles('borrowed', (source, target) =>
      again.copy(
        { from: { fd: source, position: 0 }, to: { fd: target, position: 0 }, length: 10, sums: { sha256: false, crc32: true } },
        new AbortController().signal,
      ),
    );
    expect(sums.crc32).toBe(zlib.crc32(bytes.subarray(0, 10)));
    await again.close();
    expect(again.usable).toBe(false);
    giveBack(again);
    const fresh = borrowCopyThread();
    expect(fresh).not.toBe(again);
    await fresh.close();
  });
});
