import type { Readable } from 'node:stream';
import type { BlurBox, BlurKey } from '../../common/schemas/blur';
import { runFfmpeg } from '../media/runner';
import type { MediaTools } from '../media/tools';
import { LOST_BELOW, TemplateTracker, type GreyFrame } from './template-tracker';

/** Looks a second: enough for a face that walks across the room, cheap on small grey frames. */
export const FOLLOW_FPS = 5;
/** Frames in a row the face may be lost (a hand before it, a turn of the head) before the box holds. */
const MAX_MISSES = 2;
/** The face is followed at about this many pixels wide, whatever its size in the picture. */
const FACE_PX = 32;

export interface FollowOptions {
  /** The frame the teacher drew on, and how far the box may follow at most. */
  startMs: number;
  endMs: number;
  box: BlurBox;
  /** The picture's width and height (display, upright). */
  width: number;
  height: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface FollowResult {
  keys: BlurKey[];
  /** Where the face was last seen; the box holds there from then on. */
  lostAtMs: number | null;
}

/** Thrown by the reader to stop ffmpeg once following is over; the runner turns it into an error we then ignore. */
class FollowOver extends Error {}

/**
 * Follows a box the teacher drew, forward through the video: ffmpeg decodes small grey frames from
 * the moment it was drawn, and a template tracker finds the boxed patch on each. When the face is
 * lost for more than a few frames, ffmpeg is stopped and the keys so far are the answer: the box then
 * holds where the face was last seen, as it did before, until the teacher ends it.
 */
export async function followBox(tools: MediaTools, input: string, o: FollowOptions): Promise<FollowResult> {
  const width = Math.min(even(o.width), Math.max(64, even(FACE_PX / o.box.w)));
  const height = even((o.height * width) / o.width);
  const frameBytes = width * height;
  const spanMs = Math.max(0, o.endMs - o.startMs);
  const stepMs = 1000 / FOLLOW_FPS;
  const keys: BlurKey[] = [{ t: o.startMs, ...o.box }];
  let tracker: TemplateTracker | null = null;
  let misses = 0;
  let frames = 0;
  let lostAtMs: number | null = null;
  let ended = false;

  const onFrame = (frame: GreyFrame) => {
    const t = Math.round(o.startMs + frames * stepMs);
    frames++;
    if (!tracker) {
      tracker = new TemplateTracker(frame, o.box);
      return;
    }
    if (t > o.endMs) {
      ended = true;
      throw new FollowOver();
    }
    const step = tracker.next(frame);
    o.onProgress?.(spanMs > 0 ? Math.min(1, (t - o.startMs) / spanMs) : 1);
    if (step.score >= LOST_BELOW) {
      misses = 0;
      keys.push({ t, ...step.box });
    } else if (++misses > MAX_MISSES) {
      lostAtMs = keys[keys.length - 1]!.t;
      ended = true;
      throw new FollowOver();
    }
  };

  const consume = async (stdout: Readable) => {
    const buffer = Buffer.alloc(frameBytes);
    let have = 0;
    for await (const chunk of stdout as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length) {
        const n = Math.min(frameBytes - have, chunk.length - at);
        chunk.copy(buffer, have, at, at + n);
        have += n;
        at += n;
        if (have === frameBytes) {
          onFrame({ width, height, data: buffer });
          have = 0;
        }
      }
    }
  };

  try {
    await runFfmpeg(tools, decodeArgs(input, o.startMs, spanMs, width, height), { signal: o.signal, consumeStdout: consume });
  } catch (err) {
    // Stopping ffmpeg once the face is gone is how a follow ends early, not a failure.
    if (!ended) throw err;
  }
  return { keys, lostAtMs };
}

function decodeArgs(input: string, startMs: number, spanMs: number, width: number, height: number): string[] {
  return [
    '-ss',
    (startMs / 1000).toFixed(3),
    '-i',
    input,
    '-t',
    ((spanMs + 1000 / FOLLOW_FPS) / 1000).toFixed(3),
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-vf',
    `fps=${FOLLOW_FPS},scale=${width}:${height}:flags=area,format=gray`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'gray',
    'pipe:1',
  ];
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
