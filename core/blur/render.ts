import { Readable } from 'node:stream';
import type { BlurRegion } from '../../common/schemas/blur';
import { h264Args, mp4Output, noExtras } from '../media/encode';
import { runFfmpeg } from '../media/runner';
import type { MediaTools } from '../media/tools';
import { MASK_FPS, maskFrames } from './mask';

/** The blurred copy has the proxy's size: it replaces the proxy in what a share sends. */
export const BLURRED_SHORT_SIDE = 480;
/** The mask is drawn at a quarter of the picture's size and scaled up, boxes rounded outwards. */
const MASK_DIVISOR = 4;

export interface RenderOptions {
  regions: BlurRegion[];
  durationMs: number;
  /** Display size of the source (upright). */
  width: number;
  height: number;
  /** The source's audio codec: copied as it is when MP4 can carry it. */
  audioCodec: string | null;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Output size: the short side at most 480, even sides, the aspect ratio kept. */
export function blurredSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, BLURRED_SHORT_SIDE / Math.min(width, height));
  const even = (n: number) => Math.max(2, Math.floor((n * scale) / 2) * 2);
  return { width: even(width), height: even(height) };
}

/** Encoder settings shared by the render and the benchmark's bare re-encode, so they compare like with like. */
export function blurredEncoderArgs(audioCodec: string | null): string[] {
  const audio = audioCodec === null ? ['-an'] : copyableAudio.has(audioCodec) ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', '128k'];
  return [
    ...h264Args({ preset: 'veryfast', bitrateK: 900 }),
    '-x264-params',
    'me=dia:subme=1',
    '-force_key_frames',
    'expr:gte(t,n_forced*2)',
    ...audio,
    ...noExtras,
    ...mp4Output,
  ];
}
const copyableAudio = new Set(['aac', 'mp3', 'opus', 'alac', 'flac']);

/**
 * The filter graph runs on one thread: x264 already keeps both cores of a small laptop busy, and
 * slice threads in the graph only fight it (on 2 cores, a 60-s 720p render took 9.4 s of CPU with
 * them and 6.5 s without; the bare re-encode 5.2 s either way). The benchmark's bare re-encode
 * passes the same, so the two compare like with like.
 */
export const blurredGraphThreads = ['-filter_complex_threads', '1'];

/**
 * One ffmpeg pass: the picture and a copy of it shrunk to a sixteenth, blurred and stretched back
 * (nothing of the face survives the shrinking, so the blur cannot be undone); a mask streamed from
 * here on stdin says where the blurred copy shows. The audio is copied untouched.
 */
export async function renderBlurred(tools: MediaTools, input: string, output: string, o: RenderOptions): Promise<void> {
  const { width, height } = blurredSize(o.width, o.height);
  const mw = Math.ceil(width / MASK_DIVISOR);
  const mh = Math.ceil(height / MASK_DIVISOR);
  const graph = [
    `[0:v]scale=${width}:${height}:flags=bilinear,format=yuv420p,split[base][small]`,
    `[small]scale=${Math.max(2, Math.round(width / 16))}:${Math.max(2, Math.round(height / 16))}:flags=area,` +
      `boxblur=luma_radius='min(w,h)/5':luma_power=2:chroma_radius='min(cw,ch)/5':chroma_power=2,scale=${width}:${height}:flags=bilinear[blurred]`,
    `[1:v]scale=${width}:${height}:flags=neighbor,format=gray[mask]`,
    `[blurred][mask]alphamerge[masked]`,
    `[base][masked]overlay=format=yuv420:shortest=1[out]`,
  ].join(';');
  await runFfmpeg(
    tools,
    [
      '-y',
      ...blurredGraphThreads,
      '-i',
      input,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      '-video_size',
      `${mw}x${mh}`,
      '-framerate',
      String(MASK_FPS),
      '-i',
      'pipe:0',
      '-filter_complex',
      graph,
      '-map',
      '[out]',
      '-map',
      '0:a:0?',
      '-fpsmax',
      '30',
      ...blurredEncoderArgs(o.audioCodec),
      output,
    ],
    {
      durationMs: o.durationMs,
      signal: o.signal,
      onProgress: o.onProgress,
      stdin: Readable.from(maskFrames(o.regions, o.durationMs, mw, mh), { objectMode: false }),
    },
  );
}
