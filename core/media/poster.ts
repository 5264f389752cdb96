import fs from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import { runFfmpeg } from './runner';
import type { MediaTools } from './tools';

export interface PosterOptions {
  atMs: number;
  maxWidth?: number;
  signal?: AbortSignal;
}

const POSTER_TIMEOUT_MS = 60_000;

/** One JPEG frame, at most `maxWidth` wide (never enlarged), upright. */
export async function makePoster(tools: MediaTools, input: string, output: string, opts: PosterOptions): Promise<void> {
  const { atMs, maxWidth = 640, signal } = opts;
  await grab(tools, input, output, atMs, maxWidth, signal);
  // Seeking past the end of a short video yields no frame (and an empty file); the first frame will do.
  if (atMs > 0 && !(await hasContent(output))) await grab(tools, input, output, 0, maxWidth, signal);
  if (!(await hasContent(output))) throw new StudioError('media_failed', { detail: 'no frame decoded' });
}

function grab(tools: MediaTools, input: string, output: string, atMs: number, maxWidth: number, signal?: AbortSignal) {
  return runFfmpeg(
    tools,
    [
      '-y',
      // Before -i: a fast keyframe seek, then decoding only up to the wanted frame.
      '-ss',
      (atMs / 1000).toFixed(3),
      '-i',
      input,
      '-map',
      '0:v:0',
      '-frames:v',
      '1',
      '-vf',
      `scale=w='min(${maxWidth},iw)':h=-2`,
      '-q:v',
      '4',
      '-f',
      'mjpeg',
      output,
    ],
    { signal, timeoutMs: POSTER_TIMEOUT_MS },
  );
}

async function hasContent(file: string): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => null);
  return Boolean(stat && stat.size > 0);
}

/**
 * The poster of an audio-only lesson: its whole waveform, drawn on the studio's dark panel colour.
 * The sound is cut down to 4 kHz mono 16-bit first because showwavespic keeps every sample until the
 * end; a 30-minute lesson then needs about 15 MB.
 */
export async function makeWaveformPoster(
  tools: MediaTools,
  input: string,
  output: string,
  opts: { width?: number; height?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const { width = 640, height = 360, signal } = opts;
  await runFfmpeg(
    tools,
    [
      '-y',
      '-i',
      input,
      '-filter_complex',
      `[0:a:0]aformat=sample_fmts=s16:sample_rates=4000:channel_layouts=mono,showwavespic=s=${width}x${height}:colors=0x7aa7ff:scale=sqrt[w];` +
        `color=c=0x1e2430:s=${width}x${height}[bg];[bg][w]overlay=shortest=1:format=auto,format=yuvj420p[v]`,
      '-map',
      '[v]',
      '-frames:v',
      '1',
      '-q:v',
      '4',
      '-f',
      'mjpeg',
      output,
    ],
    { signal, timeoutMs: POSTER_TIMEOUT_MS * 5 },
  );
  if (!(await hasContent(output))) throw new StudioError('media_failed', { detail: 'no waveform drawn' });
}
