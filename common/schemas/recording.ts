import { z } from 'zod';
import { idSchema, timestampSchema } from './ids';

/** Camera with microphone; a screen (or one window) with microphone; the screen with the camera in a corner. */
export const recordingModes = ['camera', 'screen', 'screen_camera'] as const;
export const recordingModeSchema = z.enum(recordingModes);
export type RecordingMode = z.infer<typeof recordingModeSchema>;

/** 720p by default; 480p for old laptops that cannot encode more. */
export const recordingResolutions = ['720p', '480p'] as const;
export const recordingResolutionSchema = z.enum(recordingResolutions);
export type RecordingResolution = z.infer<typeof recordingResolutionSchema>;

/** A micro-lesson limit in minutes; 0 is none. */
export const recordingTimeLimits = [0, 5, 10, 15] as const;
export const recordingTimeLimitSchema = z.literal(recordingTimeLimits);
export type RecordingTimeLimit = z.infer<typeof recordingTimeLimitSchema>;

/** One chunk is about a second of video; 64 MiB is far beyond any sane bitrate, so anything larger is refused. */
export const RECORDING_CHUNK_MAX_BYTES = 64 * 1024 * 1024;

export const recordingStartSchema = z.object({
  mode: recordingModeSchema,
  /** What the person chose, shown when a crashed recording is offered back ("FaceTime HD Camera"). */
  deviceLabel: z.string().max(300).default(''),
  resolution: recordingResolutionSchema,
  /** MediaRecorder writes WebM (VP8/VP9/AV1/H.264 with Opus); the part file and the remux expect it. */
  mime: z
    .string()
    .max(100)
    .regex(/^video\/(webm|x-matroska)\b/i, 'not a WebM or Matroska type'),
  width: z.number().int().positive().max(8192).nullable().default(null),
  height: z.number().int().positive().max(8192).nullable().default(null),
});
export type RecordingStart = z.infer<typeof recordingStartSchema>;

/**
 * A chunk's bytes travel as a Uint8Array: raw over the browser shell's binary route, structured-cloned
 * through Electron's IPC (it arrives in main as a Uint8Array, or a Buffer, which is one too).
 */
export const recordingChunkSchema = z.object({
  id: idSchema,
  seq: z.number().int().nonnegative(),
  // Any Uint8Array, whatever buffer backs it (z.instanceof would narrow it to a plain ArrayBuffer).
  data: z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, 'not bytes')
    .refine((d) => d.byteLength <= RECORDING_CHUNK_MAX_BYTES, 'payload_too_large'),
});

export const recordingChunkResultSchema = z.object({
  seq: z.number().int().nonnegative(),
  /** Bytes safely on disk so far. */
  sizeBytes: z.number().int().nonnegative(),
  /** True when this seq had already been written (a retried send); nothing was appended. */
  duplicate: z.boolean(),
});

const lessonTitle = z.string().trim().min(1).max(200);

export const recordingStopSchema = z.object({
  id: idSchema,
  /** Time actually recorded, pauses left out, as the recorder's timer measured it. */
  durationMs: z
    .number()
    .int()
    .nonnegative()
    .max(24 * 3600 * 1000),
  title: lessonTitle,
});

export const recordingRecoverSchema = z.object({ id: idSchema, title: lessonTitle });

/** A recording left on disk by a crash, offered back on the next start. */
export const unfinishedRecordingSchema = z.object({
  id: idSchema,
  /** Null when the journal was lost and only the part file remains. */
  mode: recordingModeSchema.nullable(),
  deviceLabel: z.string(),
  startedAt: timestampSchema,
  /** Estimated from the journal and the time of the last write; the remux finds the true length. */
  durationMs: z.number().int().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
});
export type UnfinishedRecording = z.infer<typeof unfinishedRecordingSchema>;

/**
 * A screen or window offered by the desktop app's own picker (Electron has none of its own); the
 * thumbnail is a small PNG data URL.
 */
export const screenSourceSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(500),
  kind: z.enum(['screen', 'window']),
  thumbnail: z.string().max(4_000_000),
});
export type ScreenSource = z.infer<typeof screenSourceSchema>;
