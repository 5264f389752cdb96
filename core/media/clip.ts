import { StudioError } from '../../common/errors';
import { aacArgs, h264Args, mp4Output, mainStreams, noExtras } from './encode';
import { runFfmpeg } from './runner';
import type { MediaTools } from './tools';

export interface ClipOptions {
  startMs: number;
  endMs: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * A stand-alone H.264/AAC MP4 of [startMs, endMs). Re-encoded rather than copied, so the cut lands on
 * the exact frame instead of the nearest keyframe.
 */
export async function exportClip(tools: MediaTools, input: string, output: string, opts: ClipOptions): Promise<void> {
  const { startMs, endMs } = opts;
  if (!(Number.isFinite(startMs) && Number.isFinite(endMs) && startMs >= 0 && endMs > startMs)) {
    throw new StudioError('range_invalid', { startMs, endMs });
  }
  await runFfmpeg(
    tools,
    [
      '-y',
      // Before -i the seek jumps to the keyframe ahead of the start, then decodes (and drops) up to
      // the exact frame; that is both fast and frame-accurate.
      '-ss',
      (startMs / 1000).toFixed(3),
      '-t',
      ((endMs - startMs) / 1000).toFixed(3),
      '-i',
      input,
      ...mainStreams,
      '-vf',
      'scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p',
      ...h264Args({ preset: 'veryfast', crf: 21 }),
      ...aacArgs(128, 2),
      ...noExtras,
      ...mp4Output,
      output,
    ],
    { durationMs: endMs - startMs, signal: opts.signal, onProgress: opts.onProgress },
  );
}
