/**
 * Encoder settings shared by every H.264/AAC MP4 the studio writes (playable copy, proxy, clip),
 * so all of them play in Chromium and start playing before they are fully downloaded.
 */

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
