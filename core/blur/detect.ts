import type { Readable } from 'node:stream';
import { StudioError } from '../../common/errors';
import type { BlurMode } from '../../common/schemas/blur';
import { runFfmpeg } from '../media/runner';
import type { MediaTools } from '../media/tools';
import type { FaceDetector } from './detector';
import { sheetFilter, sheetLayout, splitSheet } from './sheet';
import { FaceTracker, type Track } from './tracker';

/**
 * How often and how large the frames are looked at. Standard: twice a second, two frames to a run
 * of the model when the picture is wide (core/blur/sheet.ts), else the whole frame at 640 px wide.
 * Thorough: three times a second at 1280 px, the whole frame and four overlapping quarters
 * (core/blur/detector.ts), for small faces at the back of a room; about fifteen times the work.
 */
export const detectPlans: Record<BlurMode, { fps: number; width: number; share: boolean }> = {
  standard: { fps: 2, width: 640, share: true },
  thorough: { fps: 3, width: 1280, share: false },
};

export interface DetectOptions {
  mode: BlurMode;
  durationMs: number;
  /** The picture's width and height (display, upright), to size the frames. */
  width: number;
  height: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Faces in a video, as tracks: ffmpeg samples the frames and lays them on sheets of RGB, read at the detector's pace. */
export async function detectFaces(tools: MediaTools, input: string, o: DetectOptions): Promise<{ tracks: Track[]; frames: number }> {
  const plan = detectPlans[o.mode];
  const layout = sheetLayout(o.width, o.height, { aloneWidth: plan.width, share: plan.share });
  const sheet = sheetFilter(layout);
  const detector = await loadDetector(o.mode);
  const intervalMs = 1000 / plan.fps;
  const tracker = new FaceTracker(intervalMs);
  let frames = 0;

  const onSheet = async (rgb: Uint8Array) => {
    const perFrame = splitSheet(await detectOne(detector, rgb, sheet.width, sheet.height), layout);
    for (const found of perFrame) {
      const tMs = frames * intervalMs;
      // The last sheet may be part empty: the frames after the end are not the lesson's.
      if (tMs > o.durationMs && frames > 0) break;
      tracker.add(tMs, found);
      frames++;
    }
    if (o.durationMs > 0) o.onProgress?.(Math.min(1, (frames * intervalMs) / o.durationMs));
  };

  await runFfmpeg(
    tools,
    ['-i', input, '-map', '0:v:0', '-an', '-sn', '-vf', `fps=${plan.fps},${sheet.filter}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    { signal: o.signal, consumeStdout: (stdout) => readFrames(stdout, sheet.width * sheet.height * 3, onSheet) },
  );
  return { tracks: tracker.finish(o.durationMs), frames };
}

/** Cuts ffmpeg's stream of raw pictures into whole pictures, one at a time. */
async function readFrames(stdout: Readable, frameBytes: number, onFrame: (rgb: Uint8Array) => Promise<void>): Promise<void> {
  let pending: Buffer[] = [];
  let have = 0;
  for await (const chunk of stdout as AsyncIterable<Buffer>) {
    pending.push(chunk);
    have += chunk.length;
    while (have >= frameBytes) {
      const all = Buffer.concat(pending);
      await onFrame(new Uint8Array(all.buffer, all.byteOffset, frameBytes));
      const rest = all.subarray(frameBytes);
      pending = rest.length ? [Buffer.from(rest)] : [];
      have = rest.length;
    }
  }
}

async function loadDetector(mode: BlurMode): Promise<FaceDetector> {
  try {
    // TensorFlow.js and the model load with the first detection, not with every studio.
    const { loadFaceDetector } = await import('./detector');
    return await loadFaceDetector(mode);
  } catch (err) {
    throw new StudioError('blur_detector_failed', { stage: 'load' }, { cause: err });
  }
}

async function detectOne(detector: FaceDetector, frame: Uint8Array, width: number, height: number) {
  try {
    return await detector.detect(frame, width, height);
  } catch (err) {
    throw new StudioError('blur_detector_failed', { stage: 'detect' }, { cause: err });
  }
}
