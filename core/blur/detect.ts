import type { Readable } from 'node:stream';
import { StudioError } from '../../common/errors';
import type { BlurMode } from '../../common/schemas/blur';
import { runFfmpeg } from '../media/runner';
import type { MediaTools } from '../media/tools';
import type { FaceDetector } from './detector';
import { FaceTracker, type Track } from './tracker';

/**
 * How often and how large the frames are looked at. Standard: twice a second, the whole frame at
 * 640 px wide. Thorough: three times a second at 1280 px, the whole frame and four overlapping
 * quarters (core/blur/detector.ts), for small faces at the back of a room; about eight times the work.
 */
export const detectPlans: Record<BlurMode, { fps: number; width: number }> = {
  standard: { fps: 2, width: 640 },
  thorough: { fps: 3, width: 1280 },
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

/** Faces in a video, as tracks: ffmpeg decodes sampled frames to RGB, read at the detector's pace. */
export async function detectFaces(tools: MediaTools, input: string, o: DetectOptions): Promise<{ tracks: Track[]; frames: number }> {
  const plan = detectPlans[o.mode];
  const width = Math.min(plan.width, even(o.width));
  const height = even((o.height * width) / o.width);
  const frameBytes = width * height * 3;
  const detector = await loadDetector(o.mode);
  const intervalMs = 1000 / plan.fps;
  const tracker = new FaceTracker(intervalMs);
  let frames = 0;

  const consume = async (stdout: Readable) => {
    let pending: Buffer[] = [];
    let have = 0;
    for await (const chunk of stdout as AsyncIterable<Buffer>) {
      pending.push(chunk);
      have += chunk.length;
      while (have >= frameBytes) {
        const all = Buffer.concat(pending);
        const frame = new Uint8Array(all.buffer, all.byteOffset, frameBytes);
        const tMs = frames * intervalMs;
        tracker.add(tMs, await detectOne(detector, frame, width, height));
        frames++;
        if (o.durationMs > 0) o.onProgress?.(Math.min(1, tMs / o.durationMs));
        const rest = all.subarray(frameBytes);
        pending = rest.length ? [Buffer.from(rest)] : [];
        have = rest.length;
      }
    }
  };

  await runFfmpeg(
    tools,
    [
      '-i',
      input,
      '-map',
      '0:v:0',
      '-an',
      '-sn',
      '-vf',
      `fps=${plan.fps},scale=${width}:${height}:flags=bilinear`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ],
    { signal: o.signal, consumeStdout: consume },
  );
  return { tracks: tracker.finish(o.durationMs), frames };
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

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
