import fs from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import { runFfprobe } from './runner';
import type { MediaTools } from './tools';

export interface ProbeResult {
  durationMs: number;
  sizeBytes: number;
  /** Short container name: mp4, mov, webm, matroska, avi, mpegts, asf, ogg... */
  container: string;
  hasVideo: boolean;
  hasAudio: boolean;
  videoCodec: string | null;
  audioCodec: string | null;
  /** Display size: swapped when the video is shown rotated by 90° or 270°. */
  width: number;
  height: number;
  /** Clockwise degrees the picture is turned for display: 0, 90, 180 or 270. */
  rotation: number;
  fps: number | null;
  /** Decoded pixel format (yuv420p, yuv420p10le...); Chromium plays only 8-bit 4:2:0 H.264. */
  pixelFormat: string | null;
}

export interface ProbeOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Accept a file with sound and no picture (an audio-only lesson); otherwise it is `media_no_video`. */
  allowAudioOnly?: boolean;
}

/** The parts of ffprobe's JSON we read. */
export interface RawStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
}

export interface RawProbe {
  streams: RawStream[];
  format?: { format_name?: string; duration?: string; tags?: Record<string, string> };
}

const PROBE_TIMEOUT_MS = 30_000;

/**
 * What ffprobe says about a file, without the duration fallback or any judgement; for callers that
 * only need the streams. Unreadable input is `media_unreadable`.
 */
export async function probeStreams(tools: MediaTools, file: string, opts: ProbeOptions = {}): Promise<RawProbe> {
  const { stdout } = await runFfprobe(tools, ['-show_format', '-show_streams', '-of', 'json', file], {
    signal: opts.signal,
    timeoutMs: opts.timeoutMs ?? PROBE_TIMEOUT_MS,
  }).catch(asUnreadable);
  const raw = JSON.parse(stdout) as Partial<RawProbe>;
  if (!raw.streams?.length) throw new StudioError('media_unreadable', { detail: 'no streams' });
  return { streams: raw.streams, format: raw.format };
}

export async function probeMedia(tools: MediaTools, file: string, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new StudioError('file_not_found');
  if (stat.size === 0) throw new StudioError('media_empty');

  const raw = await probeStreams(tools, file, opts);
  // Cover art in an audio file is a "video" stream of one picture, not a video.
  const video = raw.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = raw.streams.find((s) => s.codec_type === 'audio');
  if (!video && !audio) throw new StudioError('media_unreadable', { detail: 'no audio or video stream' });
  if (isStillImage(raw)) throw new StudioError('media_no_video');
  if (!video && !(audio && opts.allowAudioOnly)) throw new StudioError('media_no_video');

  const durationMs = streamDurationMs(raw) ?? (await lastPacketMs(tools, file, opts));
  if (!durationMs) throw new StudioError('media_unreadable', { detail: 'no duration' });
  if (!video) {
    return {
      durationMs,
      sizeBytes: stat.size,
      container: audioContainerName(raw),
      hasVideo: false,
      hasAudio: true,
      videoCodec: null,
      audioCodec: audio?.codec_name ?? null,
      width: 0,
      height: 0,
      rotation: 0,
      fps: null,
      pixelFormat: null,
    };
  }

  const rotation = rotationOf(video);
  const turned = rotation === 90 || rotation === 270;
  const w = video.width ?? 0;
  const h = video.height ?? 0;
  return {
    durationMs,
    sizeBytes: stat.size,
    container: containerName(raw, video, audio),
    hasVideo: true,
    hasAudio: Boolean(audio),
    videoCodec: video.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    width: turned ? h : w,
    height: turned ? w : h,
    rotation,
    fps: frameRate(video),
    pixelFormat: video.pix_fmt ?? null,
  };
}

/** A photo is a "video" stream of one picture to ffprobe (image2, or jpeg_pipe and friends when misnamed). */
function isStillImage(raw: RawProbe): boolean {
  const name = raw.format?.format_name ?? '';
  return name === 'image2' || name.endsWith('_pipe');
}

function asUnreadable(err: unknown): never {
  if (err instanceof StudioError && err.code === 'media_failed') {
    throw new StudioError('media_unreadable', { detail: err.params.detail ?? '' }, { cause: err });
  }
  throw err;
}

function seconds(value: string | undefined): number | null {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : null;
}

function streamDurationMs(raw: RawProbe): number | null {
  const fromFormat = seconds(raw.format?.duration);
  const fromStreams = raw.streams.map((s) => seconds(s.duration)).filter((n): n is number => n !== null);
  const s = fromFormat ?? (fromStreams.length ? Math.max(...fromStreams) : null);
  return s === null ? null : Math.round(s * 1000);
}

/**
 * Files written by MediaRecorder carry no duration at all. Seeking far past the end lands on the
 * last cluster the demuxer can find, so only the tail is read; the end of the last packet is the
 * duration.
 */
async function lastPacketMs(tools: MediaTools, file: string, opts: ProbeOptions): Promise<number | null> {
  const { stdout } = await runFfprobe(
    tools,
    ['-read_intervals', '999999999%', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file],
    { signal: opts.signal, timeoutMs: opts.timeoutMs ?? PROBE_TIMEOUT_MS },
  ).catch(asUnreadable);
  let end = 0;
  for (const line of stdout.split(/\r?\n/)) {
    const [pts, dur] = line.split(',').map(Number);
    if (pts !== undefined && Number.isFinite(pts)) end = Math.max(end, pts + (Number.isFinite(dur) ? (dur ?? 0) : 0));
  }
  return end > 0 ? Math.round(end * 1000) : null;
}

/**
 * The display matrix holds the counter-clockwise angle (ffprobe's `rotation`); older files and
 * ffprobe versions give the clockwise `rotate` tag instead.
 */
function rotationOf(video: RawStream): number {
  const matrix = video.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const clockwise = matrix !== undefined ? -matrix : Number(video.tags?.rotate ?? 0);
  if (!Number.isFinite(clockwise)) return 0;
  return (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
}

function frameRate(video: RawStream): number | null {
  for (const rate of [video.avg_frame_rate, video.r_frame_rate]) {
    const [num, den] = (rate ?? '').split('/').map(Number);
    if (num && den && Number.isFinite(num / den)) return Math.round((num / den) * 1000) / 1000;
  }
  return null;
}

const webmVideo = new Set(['vp8', 'vp9', 'av1']);
const webmAudio = new Set(['opus', 'vorbis']);

/**
 * ffprobe names demuxers, not containers: "mov,mp4,m4a,3gp,3g2,mj2" covers both MP4 and QuickTime
 * (told apart by the brand), and "matroska,webm" both Matroska and WebM (told apart by the codecs).
 */
/** An audio file's container: mp4 (m4a), mp3, wav, ogg, flac, matroska (mka, webm audio)... */
function audioContainerName(raw: RawProbe): string {
  const names = (raw.format?.format_name ?? '').split(',');
  return names.includes('mp4') ? 'mp4' : (names[0] ?? '');
}

function containerName(raw: RawProbe, video: RawStream, audio: RawStream | undefined): string {
  const names = (raw.format?.format_name ?? '').split(',');
  const first = names[0] ?? '';
  if (names.includes('mp4')) return raw.format?.tags?.major_brand?.trim() === 'qt' ? 'mov' : 'mp4';
  if (first === 'matroska') {
    const webm = webmVideo.has(video.codec_name ?? '') && (!audio || webmAudio.has(audio.codec_name ?? ''));
    return webm ? 'webm' : 'matroska';
  }
  return first;
}
