import fs from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import { mainStreams } from './encode';
import { probeMedia, type ProbeResult } from './probe';
import { runFfmpeg } from './runner';
import type { MediaTools } from './tools';

/** Top-level boxes read before giving up on a file that is more boxes than any real one has. */
const MAX_BOXES = 10_000;
const HEADER_BYTES = 16;

/**
 * Whether an MP4 or QuickTime file ends before its boxes say it does: what a copy from a phone or a
 * chat app that was interrupted leaves. With the index first ("faststart"), such a file still
 * probes with its full duration and only fails when playback reaches the missing part. Walking the
 * top-level box headers costs a few small reads, whatever the file's size.
 */
export async function isCutShort(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(HEADER_BYTES);
    let at = 0;
    for (let boxes = 0; at + 8 <= size && boxes < MAX_BOXES; boxes++) {
      const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, at);
      let boxSize = header.readUInt32BE(0);
      // 1: the size is the 64-bit number after the type; 0: the box runs to the end of the file.
      if (boxSize === 1 && bytesRead === HEADER_BYTES) boxSize = Number(header.readBigUInt64BE(8));
      else if (boxSize === 0) return false;
      // Not a box at all (trailing bytes some cameras add): the probe and the decoder judge such a file.
      if (boxSize < 8) return false;
      // Only missing media data counts: the index is read whole by the probe, or the file is refused.
      if (at + boxSize > size) return header.toString('latin1', 4, 8) === 'mdat';
      at += boxSize;
    }
    return false;
  } finally {
    await handle.close();
  }
}

/**
 * Copies the part of a cut-short file that plays, without re-encoding, into a file whose index
 * tells the truth: the last sample, whose bytes are only partly there, is dropped rather than
 * shown as a broken picture. Returns what the copy holds; a file with nothing playable is refused.
 */
export async function keepWholePart(tools: MediaTools, input: string, output: string, container: 'mp4' | 'mov'): Promise<ProbeResult> {
  await runFfmpeg(tools, ['-y', '-fflags', '+discardcorrupt', '-i', input, ...mainStreams, '-c', 'copy', '-f', container, output]).catch(
    (err: unknown) => {
      throw new StudioError('media_unreadable', { detail: 'nothing playable' }, { cause: err });
    },
  );
  return probeMedia(tools, output);
}
