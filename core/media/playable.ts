import type { ProbeResult } from './probe';
import { encodeMp4, fitShortSideFilter, h264Args, type Mp4Job } from './encode';
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

/** With `audioOnly`, the copy is AAC in MP4 (what an .m4a is), no picture. */
export type PlayableCopyOptions = Mp4Job;

/** A copy is watched in place of the original, so it keeps up to full HD; larger gains nothing on a lesson. */
const PLAYABLE_MAX_SHORT_SIDE = 1080;

/**
 * H.264/AAC MP4 of a source Chromium cannot play. ffmpeg turns a rotated picture upright while
 * decoding and writes no rotation into the copy, so it shows the same way in every player.
 */
export async function makePlayableCopy(tools: MediaTools, input: string, output: string, opts: PlayableCopyOptions): Promise<void> {
  const video = ['-vf', fitShortSideFilter(PLAYABLE_MAX_SHORT_SIDE), ...h264Args({ preset: 'veryfast', crf: 23 })];
  await encodeMp4(tools, input, output, { video, audioK: 128, channels: 2 }, opts);
}
