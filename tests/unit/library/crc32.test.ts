import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../core/library/crc32';

describe('crc32', () => {
  it('is the zip CRC-32, whole or continued chunk by chunk, on plain and shared memory', () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const shared = Buffer.from(new SharedArrayBuffer(bytes.length));
    bytes.copy(shared);
    let running = 0;
    for (let at = 0; at < shared.length; at += 1024 * 1024) running = crc32(shared.subarray(at, at + 1024 * 1024), running);
    expect(crc32(bytes)).toBe(zlib.crc32(bytes));
    expect(running).toBe(zlib.crc32(bytes));
    expect(crc32(Buffer.alloc(0))).toBe(0);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
