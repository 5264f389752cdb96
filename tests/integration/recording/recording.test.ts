import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorPayload } from '../../../common/errors';
import { dispatch } from '../../../core/dispatch';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/web-shell';
import { recorderChunks, startInput } from './support';

let core: TestCore;
let media: string;
let chunks: Buffer[];

beforeAll(async () => {
  media = await tempDir('recording-media');
  ({ chunks } = await recorderChunks(media, 6, 6));
  core = await startTestCore();
});
afterAll(async () => {
  await core.dispose();
  await fs.rm(media, { recursive: true, force: true });
});

const recordingFiles = async () => (await fs.readdir(path.join(core.dataDir, 'recordings'))).sort();

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    return toErrorPayload(err);
  }
  throw new Error('expected a failure');
}

describe('recording a lesson', () => {
  it('writes chunks to a part file with a journal, then makes a lesson at once and finishes it in the background', async () => {
    const { id } = await core.api['recording.start']({ ...startInput });
    expect(await recordingFiles()).toEqual([`${id}.journal.json`, `${id}.part.webm`]);

    for (const [seq, data] of chunks.entries()) {
      const res = await core.api['recording.chunk']({ id, seq, data });
      expect(res).toMatchObject({ seq, duplicate: false });
    }
    const part = await fs.readFile(path.join(core.dataDir, 'recordings', `${id}.part.webm`));
    expect(part.equals(Buffer.concat(chunks))).toBe(true);

    const lesson = await core.api['recording.stop']({ id, durationMs: 6000, title: 'Fractions, take 1' });
    // At once: in the library with the recorder's duration, processing, its remux queued.
    expect(lesson).toMatchObject({
      id,
      title: 'Fractions, take 1',
      source: 'recording',
      status: 'processing',
      durationMs: 6000,
      width: 320,
      height: 180,
    });
    expect((await core.api['lessons.list']({ sort: 'newest', limit: 10, offset: 0 })).items.map((l) => l.id)).toContain(id);
    expect((await core.api['jobs.list']({ lessonId: id })).map((j) => j.kind)).toContain('remux');
    expect(await recordingFiles()).toEqual([`${id}.part.webm`]);

    await core.jobs.idle();
    const done = await core.api['lessons.get']({ id });
    expect(done.status).toBe('ready');
    expect(done.durationMs).toBeGreaterThan(5500);
    expect(done.durationMs).toBeLessThan(6500);
    expect(done.assets.map((a) => a.kind).sort()).toEqual(['original', 'peaks', 'poster', 'proxy', 'sprite', 'sprite_index']);
    expect(done.playbackAssetId).toBe(done.assets.find((a) => a.kind === 'original')!.id);
    // The part file is gone once the seekable original exists; nothing is left to recover.
    expect(await recordingFiles()).toEqual([]);
    expect(await core.api['recording.listUnfinished']({})).toEqual([]);
  });

  it('acknowledges a chunk sent twice without appending it, and refuses a chunk that skips ahead', async () => {
    const { id } = await core.api['recording.start']({ ...startInput });
    await core.api['recording.chunk']({ id, seq: 0, data: chunks[0]! });
    const again = await core.api['recording.chunk']({ id, seq: 0, data: chunks[0]! });
    expect(again).toEqual({ seq: 0, sizeBytes: chunks[0]!.length, duplicate: true });
    expect(await failure(core.api['recording.chunk']({ id, seq: 2, data: chunks[2]! }))).toMatchObject({
      code: 'recording_gap',
      params: { expected: 1, received: 2 },
    });
    // Sent together, in order, they are written in order.
    const results = await Promise.all([1, 2].map((seq) => core.api['recording.chunk']({ id, seq, data: chunks[seq]! })));
    expect(results.map((r) => r.sizeBytes)).toEqual([
      chunks[0]!.length + chunks[1]!.length,
      chunks[0]!.length + chunks[1]!.length + chunks[2]!.length,
    ]);
    await core.api['recording.discard']({ id });
    expect(await recordingFiles()).toEqual([]);
    expect(await failure(core.api['recording.chunk']({ id, seq: 3, data: chunks[3]! }))).toMatchObject({ code: 'recording_not_found' });
  });

  it('journals pauses, and refuses bad input through the contract', async () => {
    const { id } = await core.api['recording.start']({ ...startInput });
    await core.api['recording.pause']({ id });
    await core.api['recording.resume']({ id });
    const journal = JSON.parse(await fs.readFile(path.join(core.dataDir, 'recordings', `${id}.journal.json`), 'utf8'));
    expect(journal).toMatchObject({ version: 1, mode: 'camera', deviceLabel: 'Test camera', resolution: '720p' });
    expect(journal.pauses).toHaveLength(1);
    expect(journal.pauses[0].resumedAt).toBeGreaterThanOrEqual(journal.pauses[0].at);

    expect(
      toErrorPayload(await dispatch(core.api, 'recording.chunk', { id, seq: 0, data: 'not bytes' }).catch((e: unknown) => e)),
    ).toMatchObject({ code: 'invalid_input', params: { path: 'data' } });
    expect(
      toErrorPayload(await dispatch(core.api, 'recording.chunk', { id, seq: -1, data: new Uint8Array(1) }).catch((e: unknown) => e)),
    ).toMatchObject({ code: 'invalid_input' });
    expect(
      toErrorPayload(await dispatch(core.api, 'recording.start', { ...startInput, mime: 'video/mp4' }).catch((e: unknown) => e)),
    ).toMatchObject({ code: 'invalid_input', params: { path: 'mime' } });
    // Nothing recorded: stopping says so and leaves nothing behind.
    expect(await failure(core.api['recording.stop']({ id, durationMs: 0, title: 'Empty' }))).toMatchObject({ code: 'recording_empty' });
    expect(await recordingFiles()).toEqual([]);
  });
});
