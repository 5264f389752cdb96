import type { ProbeResult } from './probe';
import { aacArgs, fitShortSideFilter, h264Args, mp4Output, mainStreams, noExtras } from './encode';
import { runFfmpeg } from './runner';
import type { MediaTools } from './tools';

/** What Chromium's own media stack plays (no proprietary codecs beyond H.264/AAC/MP3). */
const playableContainers = new Set(['mp4', 'mov', 'm4v', 'webm', 'matroska', 'ogg']);
const playableVideo = new Set(['h264', 'vp8', 'vp9', 'av1']);
const playableAudio = new Set(['aac', 'mp3', 'opus', 'vorbis', 'flac']);
/** H.264 decodes in Chromium only as 8-bit 4:2:0; 10-bit or 4:2:2 camera files need a copy. */
const playableH264Formats = new Set(['yuv420p', 'yuvj420p']);

export function needsPlayableCopy(p: ProbeResult): boolean {
  if (!playableContainers.has(p.container)) return true;
  if (!p.videoCodec || !playableVideo.has(p.videoCodec)) return true;
  if (p.videoCodec === 'h264' && p.pixelFormat && !playableH264Formats.has(p.pixelFormat)) return true;
  return p.audioCodec !== null && !playableAudio.has(p.audioCodec);
}

export interface PlayableCopyOptions {
  durationMs: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** A copy is watched in place of the original, so it keeps up to full HD; larger gains nothing on a lesson. */
const PLAYABLE_MAX_SHORT_SIDE = 1080;

/**
 * H.264/AAC MP4 of a source Chromium cannot play. ffmpeg turns a rotated picture upright while
 * decoding and writes no rotation into the copy, so it shows the same way in every player.
 */
export async function makePlayableCopy(tools: MediaTools, input: string, output: string, opts: PlayableCopyOptions): Promise<void> {
  await runFfmpeg(
    tools,
    [
      '-y',
      '-i',
      input,
      ...mainStreams,
      '-vf',
      fitShortSideFilter(PLAYABLE_MAX_SHORT_SIDE),
      ...h264Args({ preset: 'veryfast', crf: 23 }),
      ...aacArgs(128, 2),
      ...noExtras,
      ...mp4Output,
      output,
    ],
    { durationMs: opts.durationMs, signal: opts.signal, onProgress: opts.onProgress },
  );
}
