import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeStreams } from '../../../core/media/probe';
import { remuxRecording } from '../../../core/media/remux';
import { locateMediaTools } from '../../../core/media/tools';
import { decodeFully, makeMediaDir, makeTestVideo, makeTruncatedCopy } from '../../fixtures/media';

const tools = locateMediaTools();
/** The Matroska element id of Cues, the index a player seeks with. */
const CUES_ID = Buffer.from([0x1c, 0x53, 0xbb, 0x6b]);

describe('remuxRecording', { timeout: 20_000 }, () => {
  let dir: string;
  let recording: string;

  beforeAll(async () => {
    dir = await makeMediaDir();
    recording = await makeTestVideo(dir, { seconds: 6, width: 320, height: 240, container: 'webm', cues: false, gopSeconds: 1 });
  }, 60_000);
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('starts from a file with no duration and no cues, like MediaRecorder writes', async () => {
    const raw = await probeStreams(tools, recording);
    expect(raw.format?.duration).toBeUndefined();
    expect((await fs.readFile(recording)).includes(CUES_ID)).toBe(false);
  });

  it('gives the recording its true duration and an index to seek with, without re-encoding', async () => {
    const out = path.join(dir, 'remuxed.webm');
    const probe = await remuxRecording(tools, recording, out);
    expect(Math.abs(probe.durationMs - 6000)).toBeLessThanOrEqual(300);
    expect(probe).toMatchObject({ container: 'webm', videoCodec: 'vp8', audioCodec: 'opus', width: 320, height: 240 });
    const raw = await probeStreams(tools, out);
    expect(Math.abs(Number(raw.format?.duration) * 1000 - 6000)).toBeLessThanOrEqual(300);
    expect((await fs.readFile(out)).includes(CUES_ID)).toBe(true);
    await decodeFully(out);
  });

  it('keeps what was recorded before a crash cut the last cluster short', async () => {
    const cut = await makeTruncatedCopy(recording, 0.63);
    const out = path.join(dir, 'recovered.webm');
    const probe = await remuxRecording(tools, cut, out);
    expect(probe.durationMs).toBeGreaterThan(2500);
    expect(probe.durationMs).toBeLessThan(5500);
    expect((await fs.readFile(out)).includes(CUES_ID)).toBe(true);
    await decodeFully(out);
  });
});
