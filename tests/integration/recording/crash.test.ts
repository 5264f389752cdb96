import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorPayload } from '../../../common/errors';
import { PartWriter } from '../../../core/recording/part-writer';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/web-shell';
import { recorderChunks, startInput } from './support';

let media: string;
let dataDir: string;
let chunks: Buffer[];

beforeAll(async () => {
  media = await tempDir('crash-media');
  dataDir = await tempDir('crash-data');
  ({ chunks } = await recorderChunks(media, 6, 6));
});
afterAll(async () => {
  await fs.rm(media, { recursive: true, force: true });
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('a recording cut off by a crash', () => {
  let id: string;
  let second: TestCore;

  it('is found on the next start and recovered into a normal, seekable lesson', async () => {
    const first = await startTestCore(dataDir);
    ({ id } = await first.api['recording.start']({ ...startInput, mode: 'screen_camera' }));
    for (const seq of [0, 1, 2, 3]) await first.api['recording.chunk']({ id, seq, data: chunks[seq]! });
    await first.api['recording.pause']({ id });
    // The crash hits in the middle of writing the next chunk: half a cluster ends the file.
    const part = path.join(dataDir, 'recordings', `${id}.part.webm`);
    await fs.appendFile(part, chunks[4]!.subarray(0, chunks[4]!.length / 2));
    await first.close();

    second = await startTestCore(dataDir);
    const unfinished = await second.api['recording.listUnfinished']({});
    expect(unfinished).toHaveLength(1);
    expect(unfinished[0]).toMatchObject({ id, mode: 'screen_camera', deviceLabel: 'Test camera', sizeBytes: (await fs.stat(part)).size });

    const lesson = await second.api['recording.recover']({ id, title: 'Recovered recording' });
    expect(lesson).toMatchObject({ id, title: 'Recovered recording', status: 'processing', source: 'recording' });
    expect(await second.api['recording.listUnfinished']({})).toEqual([]);
    await second.jobs.idle();
    const done = await second.api['lessons.get']({ id });
    expect(done.status).toBe('ready');
    // Four whole seconds and a half-written fifth were on disk; the damaged tail is dropped, the rest kept.
    expect(done.durationMs).toBeGreaterThanOrEqual(3000);
    expect(done.durationMs).toBeLessThan(6000);
    expect(done.assets.map((a) => a.kind)).toEqual(expect.arrayContaining(['original', 'poster', 'sprite', 'peaks', 'proxy']));
  });

  it('can be discarded instead, and then nothing is left of it', async () => {
    const dir = path.join(dataDir, 'recordings');
    const { id: other } = await second.api['recording.start']({ ...startInput });
    await second.api['recording.chunk']({ id: other, seq: 0, data: chunks[0]! });
    // Not offered while it is still being recorded.
    expect(await second.api['recording.listUnfinished']({})).toEqual([]);
    await second.close();

    const third = await startTestCore(dataDir);
    expect((await third.api['recording.listUnfinished']({})).map((r) => r.id)).toEqual([other]);
    await third.api['recording.discardUnfinished']({ id: other });
    expect(await fs.readdir(dir)).toEqual([]);
    expect(toErrorPayload(await third.api['recording.discardUnfinished']({ id: other }).catch((e: unknown) => e))).toMatchObject({
      code: 'recording_not_found',
    });
    // A lesson already made from a recording is not a recording to recover.
    expect(toErrorPayload(await third.api['recording.recover']({ id, title: 'again' }).catch((e: unknown) => e))).toMatchObject({
      code: 'conflict',
    });
    await third.close();
  });
});

describe('a disk that fills up', () => {
  // /dev/full answers every write with ENOSPC: a real full disk, as far as the writer can tell.
  it.skipIf(!existsSync('/dev/full'))('is reported as disk_full, and the chunk is not counted, so it can be sent again', async () => {
    const writer = new PartWriter(await fs.open('/dev/full', 'r+'));
    expect(toErrorPayload(await writer.append(0, chunks[0]!).catch((e: unknown) => e))).toMatchObject({ code: 'disk_full' });
    expect(writer.sizeBytes).toBe(0);
    // The same chunk may be sent again once there is room: it was not counted.
    expect(toErrorPayload(await writer.append(1, chunks[1]!).catch((e: unknown) => e))).toMatchObject({ code: 'recording_gap' });
    await writer.close();
  });
});
