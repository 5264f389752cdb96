import type { ProbeResult } from './probe';
import { aacArgs, audioOnlyArgs, fitShortSideFilter, h264Args, mp4Output, mainStreams, noExtras } from './encode';
import { runFfmpeg } from './runner';
import type { MediaTools } from './tools';

/** What Chromium's own media stack plays (no proprietary codecs beyond H.264/AAC/MP3). */
const playableContainers = new Set(['mp4', 'mov', 'm4v', 'webm', 'matroska', 'ogg']);
const playableVideo = new Set(['h264', 'vp8', 'vp9', 'av1']);
const playableAudio = new Set(['aac', 'mp3', 'opus', 'vorbis', 'flac']);
/** H.264 decodes in Chromium only as 8-bit 4:2:0; 10-bit or 4:2:2 camera files need a copy. */
const playableH264Formats = new Set(['yuv420p', 'yuvj420p']);

/** Sound alone: Chromium also plays MP3, WAV and FLAC files, and uncompressed PCM in WAV. */
const playableAudioContainers = new Set([...playableContainers, 'mp3', 'wav', 'flac']);

export function needsPlayableCopy(p: ProbeResult): boolean {
  if (!p.hasVideo) {
    if (!playableAudioContainers.has(p.container) || !p.audioCodec) return true;
    return !(playableAudio.has(p.audioCodec) || /^pcm_(s16le|s24le|s32le|f32le|u8)$/.test(p.audioCodec));
  }
  if (!playableContainers.has(p.container)) return true;
  if (!p.videoCodec || !playableVideo.has(p.videoCodec)) return true;
  if (p.videoCodec === 'h264' && p.pixelFormat && !playableH264Formats.has(p.pixelFormat)) return true;
  return p.audioCodec !== null && !playableAudio.has(p.audioCodec);
}

export interface PlayableCopyOptions {
  durationMs: number;
  /** The lesson is sound alone: the copy is AAC in MP4 (what an .m4a is), no picture. */
  audioOnly?: boolean;
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
  if (opts.audioOnly) {
    await runFfmpeg(tools, ['-y', '-i', input, ...audioOnlyArgs(128, 2), output], {
      durationMs: opts.durationMs,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    return;
  }
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
