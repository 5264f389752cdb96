import fs from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import { spriteGrid } from '../../common/sprite-grid';
import { probeStreams } from './probe';
import { runFfmpeg, runFfprobe } from './runner';
import type { MediaTools } from './tools';

export interface SpriteOptions {
  durationMs: number;
  intervalS?: number;
  tileWidth?: number;
  columns?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** What sprite.json says about the sprite beside it; the grid itself is laid out by common/sprite-grid.ts. */
export interface SpriteIndex {
  version: 1;
  intervalS: number;
  tileWidth: number;
  tileHeight: number;
  columns: number;
  rows: number;
  count: number;
}

/** How much of the video is read to learn how far apart its keyframes are. */
const KEYFRAME_SAMPLE_S = 60;
/** Timestamps are not exact: keyframes "2 s" apart may be 2.0000001 s apart. */
const KEYFRAME_SLACK_S = 0.05;

/** One ffmpeg pass: a frame every interval, scaled, laid out in a grid, written as one JPEG. */
export async function makeSprite(
  tools: MediaTools,
  input: string,
  outJpg: string,
  outJson: string,
  opts: SpriteOptions,
): Promise<SpriteIndex> {
  const { durationMs, tileWidth = 160, signal, onProgress } = opts;
  const { intervalS, columns, rows } = spriteGrid(durationMs, opts);

  // Decoding only keyframes is ~10x faster and, when keyframes are at most one interval apart, puts
  // each tile within half an interval of its time. Otherwise every reference frame is decoded but
  // the deblocking filter is skipped, which a 160-pixel thumbnail cannot show.
  const keyframesOnly = (await maxKeyframeGapS(tools, input, signal)) <= intervalS + KEYFRAME_SLACK_S;
  const decode = keyframesOnly ? ['-skip_frame', 'nokey'] : ['-skip_frame', 'noref', '-skip_loop_filter', 'all'];

  let sampled = 0;
  let reported = 0;
  let lines = '';
  // The tile filter emits its image only at the very end, so ffmpeg's own progress stays silent;
  // each sampled frame is printed to stdout instead, which yields both progress and the true count.
  const onStdout = (chunk: Buffer) => {
    lines += chunk.toString('utf8');
    const parts = lines.split('\n');
    lines = parts.pop() ?? '';
    for (const line of parts) {
      const match = /^frame:\d+\s+pts:\S+\s+pts_time:([\d.]+)/.exec(line);
      if (!match) continue;
      sampled++;
      const fraction = Math.min(0.99, (Number(match[1]) * 1000) / durationMs);
      if (onProgress && fraction > reported) onProgress((reported = fraction));
    }
  };
  const filter = [
    // eof_action=pass keeps the last picture when only keyframes are decoded and it lands near the end.
    `fps=1/${intervalS}:eof_action=pass`,
    `scale=${tileWidth}:-2`,
    'metadata=mode=add:key=sprite:value=1',
    'metadata=mode=print:file=pipe\\\\:1:direct=1',
    `tile=${columns}x${rows}`,
  ].join(',');
  await runFfmpeg(
    tools,
    ['-y', ...decode, '-i', input, '-map', '0:v:0', '-vf', filter, '-frames:v', '1', '-q:v', '4', '-f', 'mjpeg', outJpg],
    {
      signal,
      onStdout,
    },
  );
  if (sampled === 0) throw new StudioError('media_failed', { detail: 'no frame decoded' });

  const index = await writeSpriteIndexOf(
    tools,
    outJpg,
    outJson,
    { intervalS, columns, rows, count: Math.min(sampled, columns * rows) },
    signal,
  );
  onProgress?.(1);
  return index;
}

/** Writes sprite.json for the sprite picture `spriteJpg` laid out as `grid`, its tile size read from the picture. */
export async function writeSpriteIndexOf(
  tools: MediaTools,
  spriteJpg: string,
  outJson: string,
  grid: Pick<SpriteIndex, 'intervalS' | 'columns' | 'rows' | 'count'>,
  signal?: AbortSignal,
): Promise<SpriteIndex> {
  const image = (await probeStreams(tools, spriteJpg, { signal })).streams[0];
  const index: SpriteIndex = {
    version: 1,
    intervalS: grid.intervalS,
    tileWidth: Math.round((image?.width ?? 0) / grid.columns),
    tileHeight: Math.round((image?.height ?? 0) / grid.rows),
    columns: grid.columns,
    rows: grid.rows,
    count: grid.count,
  };
  await fs.writeFile(outJson, JSON.stringify(index));
  return index;
}

/** The longest stretch between keyframes in the first minute; Infinity when there is only one. */
async function maxKeyframeGapS(tools: MediaTools, input: string, signal?: AbortSignal): Promise<number> {
  const { stdout } = await runFfprobe(
    tools,
    [
      '-select_streams',
      'v:0',
      '-read_intervals',
      `%+${KEYFRAME_SAMPLE_S}`,
      '-show_entries',
      'packet=pts_time,flags',
      '-of',
      'csv=p=0',
      input,
    ],
    { signal, timeoutMs: 30_000 },
  );
  let lastKey: number | null = null;
  let lastPts = 0;
  let gap = 0;
  let keys = 0;
  for (const line of stdout.split(/\r?\n/)) {
    const [ptsText, flags] = line.split(',');
    const pts = Number(ptsText);
    if (!ptsText || !Number.isFinite(pts)) continue;
    lastPts = Math.max(lastPts, pts);
    if (!flags?.includes('K')) continue;
    if (lastKey !== null) gap = Math.max(gap, pts - lastKey);
    lastKey = pts;
    keys++;
  }
  if (keys < 2 || lastKey === null) return Infinity;
  return Math.max(gap, lastPts - lastKey);
}
