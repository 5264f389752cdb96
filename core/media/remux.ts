import { probeMedia, probeStreams, type ProbeResult } from './probe';
import { runFfmpeg } from './runner';
import type { MediaTools } from './tools';

export interface RemuxOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Length of the recording if known (MediaRecorder files do not say); enables progress. */
  durationMs?: number;
}

const webmCodecs = new Set(['vp8', 'vp9', 'av1', 'opus', 'vorbis']);

/**
 * Rewrites a MediaRecorder file (no duration, no cues: it cannot be seeked) into a proper WebM
 * without re-encoding. A crash leaves a half-written last cluster; the damaged packets are dropped
 * and everything before them is kept.
 */
export async function remuxRecording(tools: MediaTools, input: string, output: string, opts: RemuxOptions = {}): Promise<ProbeResult> {
  const { streams } = await probeStreams(tools, input, { signal: opts.signal });
  // Some Chromium builds record H.264 into "webm"; only Matroska may hold that.
  const webm = streams.every((s) => (s.codec_type !== 'video' && s.codec_type !== 'audio') || webmCodecs.has(s.codec_name ?? ''));
  await runFfmpeg(
    tools,
    [
      '-y',
      '-fflags',
      '+genpts+discardcorrupt',
      '-err_detect',
      'ignore_err',
      '-i',
      input,
      '-map',
      '0:v:0',
      '-map',
      '0:a:0?',
      '-c',
      'copy',
      '-f',
      webm ? 'webm' : 'matroska',
      output,
    ],
    { signal: opts.signal, durationMs: opts.durationMs, onProgress: opts.onProgress },
  );
  return probeMedia(tools, output, { signal: opts.signal });
}
