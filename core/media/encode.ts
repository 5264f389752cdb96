/**
 * Encoder settings shared by every H.264/AAC MP4 the studio writes (playable copy, proxy, clip),
 * so all of them play in Chromium and start playing before they are fully downloaded.
 */
import { runFfmpeg } from './runner';
import type { MediaTools } from './tools';

/**
 * Scales so the shorter side is at most `maxShortSide` ("480p" for portrait phone video too), never
 * up, keeping the aspect ratio, with even sides as yuv420p needs. ffmpeg has already turned the
 * picture upright (autorotate), so iw/ih are display dimensions. Bilinear costs a third less than
 * bicubic when shrinking and looks the same at proxy sizes.
 */
export function fitShortSideFilter(maxShortSide: number, scaler: 'bicubic' | 'bilinear' = 'bicubic'): string {
  const short = (side: string) => `trunc(min(${maxShortSide},${side})/2)*2`;
  return `scale=w='if(gte(iw,ih),-2,${short('iw')})':h='if(gte(iw,ih),${short('ih')},-2)':flags=${scaler},format=yuv420p`;
}

export function h264Args(opts: { preset: string; crf?: number; bitrateK?: number }): string[] {
  const rate = opts.bitrateK
    ? ['-b:v', `${opts.bitrateK}k`, '-maxrate', `${Math.round(opts.bitrateK * 1.5)}k`, '-bufsize', `${opts.bitrateK * 2}k`]
    : ['-crf', String(opts.crf ?? 23)];
  return ['-c:v', 'libx264', '-preset', opts.preset, ...rate, '-pix_fmt', 'yuv420p'];
}

export function aacArgs(bitrateK: number, channels: 1 | 2): string[] {
  return ['-c:a', 'aac', '-b:a', `${bitrateK}k`, '-ac', String(channels)];
}

/** The index goes first so playback can start, and seek, before the whole file has arrived. */
export const mp4Output = ['-movflags', '+faststart', '-f', 'mp4'];

/** The first video stream and the first audio stream, if any: what every copy we make carries. */
export const mainStreams = ['-map', '0:v:0', '-map', '0:a:0?'];

/**
 * The first audio stream alone as AAC in an MP4 container (an .m4a in all but name): the copies of an
 * audio-only lesson, which keep the names and MIME types of a video's copies so shares, packages and
 * exports carry them unchanged. Cover art is left out (-vn).
 */
export function audioOnlyArgs(bitrateK: number, channels: 1 | 2): string[] {
  return ['-map', '0:a:0', '-vn', ...aacArgs(bitrateK, channels), ...noExtras, ...mp4Output];
}

/** No subtitles, data tracks or source metadata (which can hold a location or a device name) travel. */
export const noExtras = ['-sn', '-dn', '-map_metadata', '-1'];

/** What one encode is for: the lesson's length (for progress), whether it is sound alone, cancelling. */
export interface Mp4Job {
  durationMs: number;
  /** The lesson is sound alone: the output is its audio as AAC in MP4, no picture. */
  audioOnly?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * An H.264/AAC MP4 of `input`'s main streams, `video` being the filter and encoder flags, or for a
 * lesson that is sound alone, its audio only; either way the sound is AAC at `audioK` kb/s.
 */
export async function encodeMp4(
  tools: MediaTools,
  input: string,
  output: string,
  enc: { video: string[]; audioK: number; channels: 1 | 2 },
  job: Mp4Job,
): Promise<void> {
  const streams = job.audioOnly
    ? audioOnlyArgs(enc.audioK, enc.channels)
    : [...mainStreams, ...enc.video, ...aacArgs(enc.audioK, enc.channels), ...noExtras, ...mp4Output];
  await runFfmpeg(tools, ['-y', '-i', input, ...streams, output], {
    durationMs: job.durationMs,
    signal: job.signal,
    onProgress: job.onProgress,
  });
}
