import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UploadHasher } from '../../../hub/media/upload-hasher';
import { tempDir } from '../../support/web-shell';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('UploadHasher', () => {
  const hasher = new UploadHasher();
  afterEach(() => hasher.close());

  it('hashes an upload chunk by chunk as it grows, and gives the hash of the whole file', async () => {
    const dir = await tempDir('hasher');
    const file = path.join(dir, 'upload');
    const data = randomBytes(3 * 1024 * 1024 + 17);
    await fs.writeFile(file, data.subarray(0, 1_000_000));
    hasher.advance('u1', file, 1_000_000);
    await fs.appendFile(file, data.subarray(1_000_000, 2_500_000));
    hasher.advance('u1', file, 2_500_000);
    await fs.appendFile(file, data.subarray(2_500_000));
    expect(await hasher.digest('u1', file, data.length)).toBe(sha256(data));
  });

  it('reads the file from its first byte when it has no running hash (a restarted hub)', async () => {
    const dir = await tempDir('hasher');
    const file = path.join(dir, 'upload');
    const data = randomBytes(2 * 1024 * 1024);
    await fs.writeFile(file, data);
    expect(await hasher.digest('fresh', file, data.length)).toBe(sha256(data));
  });

  it('starts over after forget, and fails plainly when the file is shorter than claimed', async () => {
    const dir = await tempDir('hasher');
    const file = path.join(dir, 'upload');
    const data = randomBytes(1024 * 1024);
    await fs.writeFile(file, data);
    hasher.advance('u2', file, data.length);
    hasher.forget('u2');
    await fs.writeFile(file, data.subarray(0, 1000));
    await expect(hasher.digest('u2', file, data.length)).rejects.toThrow(/shorter/);
    expect(await hasher.digest('u2', file, 1000)).toBe(sha256(data.subarray(0, 1000)));
  });
});
