import { encodeMp4, fitShortSideFilter, h264Args, type Mp4Job } from './encode';
import type { MediaTools } from './tools';

export type ProxyPreset = 'standard' | 'low';

/** With `audioOnly`, the proxy is the lesson's audio as AAC in MP4. */
export interface ProxyOptions extends Mp4Job {
  preset: ProxyPreset;
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
  const video = [
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
  ];
  await encodeMp4(tools, input, output, { video, audioK: p.audioK, channels: p.channels }, opts);
}
