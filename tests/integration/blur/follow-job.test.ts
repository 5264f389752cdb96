import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boxAt, iou } from '../../../common/blur-geometry';
import { locateMediaTools } from '../../../core/media/tools';
import { makeFaceLesson, type FaceLesson } from '../../support/face-lesson';
import { tempDir } from '../../support/web-shell';
import { importLesson, startDevice, type Device } from '../sync/devices';

let device: Device;
let media: string;
let face: FaceLesson;
let lessonId: string;

beforeAll(async () => {
  media = await tempDir('blur-follow-job');
  device = await startDevice();
  face = await makeFaceLesson(media, {
    seconds: 4,
    width: 640,
    height: 360,
    faces: [{ size: 90, from: { x: 60, y: 100 }, to: { x: 420, y: 120 } }],
  });
  lessonId = (await importLesson(device, face.file)).id;
}, 120_000);
afterAll(async () => {
  await device?.dispose();
  await fs.rm(media, { recursive: true, force: true });
});

describe('drawing a box over a missed face', () => {
  it('follows the face through the lesson as a background job, and the copy waits for it', async () => {
    await device.call('blur.draw', { lessonId, atMs: 500, box: face.faceAt(0, 500) });
    // Asked at once: the copy is made from the followed box, not the one drawn.
    const render = await device.call('blur.render', { lessonId });
    await device.jobs.idle();
    const follow = device.jobs.list(lessonId).find((j) => j.kind === 'blur_follow')!;
    expect(follow.status).toBe('done');
    expect(device.jobs.get(render.id).updatedAt).toBeGreaterThanOrEqual(follow.updatedAt);
    const state = await device.call('blur.get', { lessonId });
    const drawn = state.regions.find((r) => r.source === 'drawn')!;
    expect(drawn.keys.length).toBeGreaterThan(10);
    for (let t = 500; t <= 3800; t += 300) expect(iou(boxAt(drawn, t)!, face.faceAt(0, t)), `at ${t} ms`).toBeGreaterThan(0.5);
    expect(state.copy).toBe('current');
    // The copy lasts as long as the lesson: no frozen last frame while the mask stream runs on.
    const { stdout } = await promisify(execFile)(locateMediaTools().ffprobe, [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=duration',
      '-of',
      'csv=p=0',
      path.join(device.dataDir, 'media', lessonId, 'blurred.mp4'),
    ]);
    expect(Number(stdout.trim())).toBeCloseTo(face.durationMs / 1000, 1);
  }, 120_000);

  it('holds when the teacher asks it not to follow, and undo takes the box back', async () => {
    const before = await device.call('blur.get', { lessonId });
    const after = await device.call('blur.draw', { lessonId, atMs: 1000, box: { x: 0.7, y: 0.6, w: 0.1, h: 0.1 }, follow: false });
    await device.jobs.idle();
    const held = after.regions.find((r) => !before.regions.some((b) => b.id === r.id))!;
    expect((await device.call('blur.get', { lessonId })).regions.find((r) => r.id === held.id)!.keys).toHaveLength(1);
    expect(device.jobs.list(lessonId).filter((j) => j.kind === 'blur_follow')).toHaveLength(1);
    await device.call('blur.undo', { lessonId });
    expect((await device.call('blur.get', { lessonId })).regions.map((r) => r.id)).toEqual(before.regions.map((r) => r.id));
  }, 60_000);
});
