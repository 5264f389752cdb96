import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeaksFile } from '../../../core/media/peaks';
import { probeMedia, probeStreams } from '../../../core/media/probe';
import { locateMediaTools } from '../../../core/media/tools';
import { makeTestAudio, makeTestPhoto, makeTestSound } from '../../fixtures/media';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/web-shell';

let core: TestCore;
let media: string;
const tools = locateMediaTools();

beforeAll(async () => {
  media = await tempDir('audio-import-media');
  core = await startTestCore();
});
afterAll(async () => {
  await core.dispose();
  await fs.rm(media, { recursive: true, force: true });
});

async function importAndSettle(file: string) {
  const { results } = await core.api['lessons.import']({ sources: [{ kind: 'path', path: file }] });
  const result = results[0]!;
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  await core.jobs.idle();
  return core.api['lessons.get']({ id: result.lesson.id });
}

const lessonFile = (lessonId: string, name: string) => path.join(core.dataDir, 'media', lessonId, name);

/** What every audio-only lesson must have, whatever it came in as. */
async function expectAudioLesson(lesson: Awaited<ReturnType<typeof importAndSettle>>, seconds: number) {
  expect(lesson.status).toBe('ready');
  expect(lesson.width).toBeNull();
  expect(lesson.durationMs).toBeGreaterThan(seconds * 1000 - 200);
  expect(lesson.durationMs).toBeLessThan(seconds * 1000 + 300);
  const kinds = lesson.assets.map((a) => a.kind);
  // No pictures, so no sprite: the waveform stands in for it, in the poster and in the peaks.
  expect(kinds).not.toContain('sprite');
  expect(kinds).toEqual(expect.arrayContaining(['original', 'poster', 'peaks', 'proxy']));
  expect(lesson.posterAssetId).toBe(lesson.assets.find((a) => a.kind === 'poster')!.id);

  const poster = await probeStreams(tools, lessonFile(lesson.id, 'poster.jpg'));
  expect(poster.streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 640, height: 360 });

  const peaks = JSON.parse(await fs.readFile(lessonFile(lesson.id, 'peaks.json'), 'utf8')) as PeaksFile;
  expect(Math.abs(peaks.length - seconds * peaks.peaksPerSecond)).toBeLessThanOrEqual(2);
  // The tone is there (ffmpeg's sine peaks at 1/8): the loudest bucket is far from silence.
  expect(Math.max(...peaks.data)).toBeGreaterThan(0.08);

  // The proxy that shares, packages and exports send is the sound as AAC in MP4.
  const proxy = await probeMedia(tools, lessonFile(lesson.id, 'proxy.mp4'), { allowAudioOnly: true });
  expect(proxy).toMatchObject({ hasVideo: false, audioCodec: 'aac', container: 'mp4' });
  expect(Math.abs(proxy.durationMs - lesson.durationMs!)).toBeLessThan(300);
}

describe('audio-only lessons', () => {
  it('imports a 30 s WAV as a lesson that plays its original, with a waveform poster, peaks and an AAC proxy', async () => {
    const lesson = await importAndSettle(await makeTestSound(media, { name: 'Reading circle.wav', seconds: 30 }));
    expect(lesson.title).toBe('Reading circle');
    await expectAudioLesson(lesson, 30);
    const original = lesson.assets.find((a) => a.kind === 'original')!;
    expect(original.mime).toBe('audio/wav');
    expect(lesson.playbackAssetId).toBe(original.id);
  });

  it('imports a 30 s MP3 and an M4A, each playing as it came', async () => {
    for (const name of ['Questions.mp3', 'Voice memo.m4a']) {
      const lesson = await importAndSettle(await makeTestSound(media, { name, seconds: 30 }));
      await expectAudioLesson(lesson, 30);
      const original = lesson.assets.find((a) => a.kind === 'original')!;
      expect(original.mime).toBe(name.endsWith('.mp3') ? 'audio/mpeg' : 'audio/mp4');
      expect(lesson.playbackAssetId).toBe(original.id);
    }
  });

  it('travels in a .pcircle package like a video lesson: its AAC proxy, poster and peaks arrive and play', async () => {
    const lesson = await importAndSettle(await makeTestSound(media, { name: 'Circle time.mp3', seconds: 6 }));
    const folder = await tempDir('audio-package');
    const school = await startTestCore();
    try {
      const started = await core.api['packages.export']({
        target: { kind: 'lesson', id: lesson.id },
        format: 'pcircle',
        media: 'proxy',
        includePrivateNotes: false,
        folder,
      });
      await core.jobs.idle();
      expect(core.jobs.get(started.job.id)).toMatchObject({ status: 'done' });
      const job = await school.api['packages.import']({ source: { kind: 'path', path: started.path } });
      await school.jobs.idle();
      expect(school.jobs.get(job.id)).toMatchObject({ status: 'done' });
      const arrived = await school.api['lessons.get']({ id: lesson.id });
      expect(arrived).toMatchObject({ title: 'Circle time', width: null, status: 'ready' });
      expect(arrived.assets.map((a) => a.kind)).toEqual(expect.arrayContaining(['proxy', 'poster', 'peaks']));
      const playback = arrived.assets.find((a) => a.id === arrived.playbackAssetId)!;
      expect(playback.kind).toBe('proxy');
      const proxy = await probeMedia(tools, path.join(school.dataDir, 'media', lesson.id, 'proxy.mp4'), { allowAudioOnly: true });
      expect(proxy).toMatchObject({ hasVideo: false, audioCodec: 'aac' });
      // It came with its proxy only, and is analysed on demand from that.
      const analyse = await school.api['talk.analyse']({ lessonId: lesson.id });
      await school.jobs.idle();
      expect(school.jobs.get(analyse.id)).toMatchObject({ status: 'done' });
      expect((await school.api['talk.get']({ lessonId: lesson.id })).status).toBe('ready');
    } finally {
      await school.dispose();
      await fs.rm(folder, { recursive: true, force: true });
    }
  }, 120_000);

  it('imports an M4A with its short tone from the shared fixtures too', async () => {
    const lesson = await importAndSettle(await makeTestAudio(media, 3));
    expect(lesson.status).toBe('ready');
    expect(lesson.assets.map((a) => a.kind)).not.toContain('sprite');
  });

  it('still refuses a photo: one picture and no sound is not a lesson', async () => {
    const { results } = await core.api['lessons.import']({ sources: [{ kind: 'path', path: await makeTestPhoto(media) }] });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'media_no_video' } });
  });

  it('imports and analyses a 30-minute recording without trouble', async () => {
    const file = await makeTestSound(media, { name: 'Whole lesson.wav', seconds: 30 * 60, sampleRate: 16000 });
    const started = Date.now();
    const lesson = await importAndSettle(file);
    await expectAudioLesson(lesson, 30 * 60);
    const talk = await core.api['talk.get']({ lessonId: lesson.id });
    expect(talk.status).toBe('ready');
    expect(Math.abs(talk.durationMs - lesson.durationMs!)).toBeLessThan(100);
    // A tone is nobody talking.
    expect(talk.figures!.teacherPct + talk.figures!.studentPct).toBeLessThan(1);
    console.info(`30-minute audio lesson: imported, prepared and analysed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }, 900_000);
});
