import fs from 'node:fs/promises';
import path from 'node:path';
import { run } from './media-cache';

const MB = 1024 * 1024;

/**
 * Readies the machine for a timed step that writes about `bytes`, so that each step, and each side of
 * a comparison, starts from the same state:
 *
 * - dirty pages are flushed first, so the writeback of an earlier step (and the discard of a file it
 *   deleted) does not land in this one;
 * - then a scratch file of `bytes` is written and deleted. On a fresh virtual machine the first write
 *   to each page of memory costs the host a fault, and memory freed a while ago goes back to the host:
 *   writing 200 MB took 0.47 s into such memory here, against 0.035 s into memory freed a moment
 *   before. Without this, whichever step happens to be handed fresh memory runs up to ten times slower,
 *   whatever its code.
 */
export async function settleMachine(dir: string, bytes: number): Promise<void> {
  await run('sync', []);
  const scratch = path.join(dir, `settle-${process.pid}.bin`);
  const piece = Buffer.alloc(MB, 1);
  const handle = await fs.open(scratch, 'w');
  try {
    for (let written = 0; written < bytes; written += piece.length) await handle.write(piece);
  } finally {
    await handle.close();
    await fs.rm(scratch, { force: true });
  }
}

/**
 * Drops a file's pages from memory (they must be clean, as `settleMachine` leaves them), so that the
 * next step reads it from the disk, as it would a package on a USB stick or lessons not opened lately.
 */
export function evict(file: string): Promise<void> {
  return run('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
}
