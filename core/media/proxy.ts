import { aacArgs, audioOnlyArgs, fitShortSideFilter, h264Args, mp4Output, mainStreams, noExtras } from './encode';
import { runFfmpeg } from './runner';
import type { MediaTools } from './tools';

export type ProxyPreset = 'standard' | 'low';

export interface ProxyOptions {
  preset: ProxyPreset;
  durationMs: number;
  /** The lesson is sound alone: the proxy is its audio as AAC in MP4. */
  audioOnly?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** What a share sends over slow, metered links: small enough to upload, sharp enough to review teaching. */
const presets: Record<ProxyPreset, { shortSide: number; videoK: number; audioK: number; channels: 1 | 2 }> = {
  standard: { shortSide: 480, videoK: 600, audioK: 96, channels: 2 },
  low: { shortSide: 360, videoK: 250, audioK: 48, channels: 1 },
};

/**
 * A small H.264/AAC MP4. Frame rate is capped at 30 (phones record 60) and a keyframe is forced
 * every 2 s so scrubbing and range requests start decoding close to the wanted moment.
 */
export async function makeProxy(tools: MediaTools, input: string, output: string, opts: ProxyOptions): Promise<void> {
  const p = presets[opts.preset];
  if (opts.audioOnly) {
    await runFfmpeg(tools, ['-y', '-i', input, ...audioOnlyArgs(p.audioK, p.channels), output], {
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
      fitShortSideFilter(p.shortSide, 'bilinear'),
      '-fpsmax',
      '30',
      ...h264Args({ preset: 'veryfast', bitrateK: p.videoK }),
      // The cheapest motion search: about a fifth less CPU, so a 2-core laptop stays well above 4x real time.
      '-x264-params',
      'me=dia:subme=1',
      '-force_key_frames',
      'expr:gte(t,n_forced*2)',
      ...aacArgs(p.audioK, p.channels),
      ...noExtras,
      ...mp4Output,
      output,
    ],
    { durationMs: opts.durationMs, signal: opts.signal, onProgress: opts.onProgress },
  );
}
