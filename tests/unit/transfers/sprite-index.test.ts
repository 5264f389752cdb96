import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSprite } from '../../../core/media/sprite';
import { locateMediaTools } from '../../../core/media/tools';
import { writeSpriteIndex } from '../../../core/transfers/sprite-index';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';

const tools = locateMediaTools();

describe('writeSpriteIndex', { timeout: 30_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeMediaDir();
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  // A received sprite comes without its index; the one rebuilt from the picture must match the sender's.
  it.each([8, 45])('rebuilds the index the sender wrote for a %i s lesson', async (seconds) => {
    const video = await makeTestVideo(dir, { seconds, width: 320, height: 180, audio: false, gopSeconds: 1, name: `v${seconds}.mp4` });
    const jpg = path.join(dir, `sprite${seconds}.jpg`);
    const sent = await makeSprite(tools, video, jpg, path.join(dir, `sent${seconds}.json`), { durationMs: seconds * 1000 });
    const rebuiltJson = path.join(dir, `rebuilt${seconds}.json`);
    await writeSpriteIndex(tools, jpg, rebuiltJson, seconds * 1000);
    expect(JSON.parse(await fs.readFile(rebuiltJson, 'utf8'))).toEqual(sent);
  });
});
