import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boxAt, iou } from '../../../common/blur-geometry';
import { followBox } from '../../../core/blur/follow';
import { TemplateTracker, type GreyFrame } from '../../../core/blur/template-tracker';
import { locateMediaTools } from '../../../core/media/tools';
import { makeFaceLesson } from '../../support/face-lesson';
import { tempDir } from '../../support/web-shell';

let dir: string;
const tools = locateMediaTools();
beforeAll(async () => {
  dir = await tempDir('blur-follow');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('a box the teacher draws follows the face', () => {
  it('stays on a face walking across the room, not on the student it walks past', async () => {
    const lesson = await makeFaceLesson(dir, {
      name: 'walking.mp4',
      seconds: 4,
      width: 640,
      height: 360,
      faces: [
        { size: 90, from: { x: 40, y: 100 }, to: { x: 470, y: 110 } },
        // Another student near the end of the path, whose picture never covers the walking face.
        { size: 50, from: { x: 560, y: 270 }, to: { x: 560, y: 272 }, mirrored: true, hue: 40 },
      ],
    });
    const atMs = 400;
    const { keys, lostAtMs } = await followBox(tools, lesson.file, {
      startMs: atMs,
      endMs: lesson.durationMs,
      box: lesson.faceAt(0, atMs),
      width: lesson.width,
      height: lesson.height,
    });
    expect(lostAtMs).toBeNull();
    // Five looks a second from where it was drawn to the end.
    expect(keys.length).toBeGreaterThanOrEqual(15);
    expect(keys.at(-1)!.t).toBeGreaterThanOrEqual(3600);
    const region = { startMs: atMs, endMs: lesson.durationMs, keys };
    // Between looks too, where the render and the overlay place it.
    for (let t = atMs; t <= 3800; t += 100) {
      const box = boxAt(region, t)!;
      expect(iou(box, lesson.faceAt(0, t)), `at ${t} ms`).toBeGreaterThan(0.5);
      expect(iou(box, lesson.faceAt(1, t))).toBeLessThan(0.1);
    }
    // Without following, the box drawn would have left the face long before the end.
    expect(iou(keys[0]!, lesson.faceAt(0, 3800))).toBe(0);
  }, 60_000);

  it('holds where the face was last seen once it leaves the picture', async () => {
    const lesson = await makeFaceLesson(dir, {
      name: 'leaving.mp4',
      seconds: 3,
      width: 640,
      height: 360,
      faces: [{ size: 90, from: { x: 300, y: 130 }, to: { x: 900, y: 130 } }],
    });
    const { keys, lostAtMs } = await followBox(tools, lesson.file, {
      startMs: 0,
      endMs: lesson.durationMs,
      box: lesson.faceAt(0, 0),
      width: lesson.width,
      height: lesson.height,
    });
    // The face's left edge reaches the picture's right edge at 1.7 s; it is lost on the way out.
    expect(lostAtMs).not.toBeNull();
    expect(lostAtMs!).toBeGreaterThanOrEqual(600);
    expect(lostAtMs!).toBeLessThanOrEqual(1700);
    expect(keys.at(-1)!.t).toBe(lostAtMs);
    for (const k of keys.filter((k) => k.t <= 800)) expect(iou(k, lesson.faceAt(0, k.t)), `at ${k.t} ms`).toBeGreaterThan(0.5);
  }, 60_000);
});

describe('the template tracker', () => {
  const frame = (width: number, height: number, paint: (x: number, y: number) => number): GreyFrame => {
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = paint(x, y);
    return { width, height, data };
  };
  const checker = (ox: number, oy: number) => (x: number, y: number) =>
    x >= ox && x < ox + 16 && y >= oy && y < oy + 16 ? ((((x - ox) >> 2) + ((y - oy) >> 2)) % 2 ? 230 : 30) : 128;

  it('finds a patch where it moved and says when it is gone', () => {
    const tracker = new TemplateTracker(frame(100, 80, checker(20, 30)), { x: 0.2, y: 30 / 80, w: 0.16, h: 0.2 });
    const moved = tracker.next(frame(100, 80, checker(27, 25)));
    expect(moved.score).toBeGreaterThan(0.95);
    expect(moved.box.x * 100).toBeCloseTo(27, 5);
    expect(moved.box.y * 80).toBeCloseTo(25, 5);
    let seed = 7;
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % 256);
    expect(tracker.next(frame(100, 80, () => noise())).score).toBeLessThan(0.5);
  });
});
