import { createHash } from 'node:crypto';
import type { BlobStore } from '../media/blob-store';

/** Copies every blob the target lacks (a re-run skips those already there); returns how many were copied. */
export async function copyBlobs(source: BlobStore, target: BlobStore): Promise<{ copied: number; present: number }> {
  let copied = 0;
  let present = 0;
  for await (const { sha256, size } of source.list()) {
    if (await target.has(sha256)) {
      present += 1;
      continue;
    }
    await target.put(sha256, source.read(sha256), size);
    copied += 1;
  }
  return { copied, present };
}

/** Reads back every source blob from the target and checks its sha256; throws naming the first that fails. */
export async function verifyBlobs(source: BlobStore, target: BlobStore): Promise<number> {
  let checked = 0;
  for await (const { sha256 } of source.list()) {
    const hash = createHash('sha256');
    for await (const chunk of target.read(sha256)) hash.update(chunk as Buffer);
    if (hash.digest('hex') !== sha256) throw new Error(`blob ${sha256} reads back with another sha256`);
    checked += 1;
  }
  return checked;
}
