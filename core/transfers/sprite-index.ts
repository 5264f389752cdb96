import fs from 'node:fs/promises';
import type { MediaTools } from '../media/tools';
import { probeStreams } from '../media/probe';
import { spriteInterval, type SpriteIndex } from '../media/sprite';

/**
 * Rebuilds the index of a sprite that arrived from a community. Sprites are laid out by the same rule
 * everywhere (makeSprite's defaults), so the picture's size and the lesson's duration are enough.
 */
export async function writeSpriteIndex(tools: MediaTools, spriteJpg: string, outJson: string, durationMs: number): Promise<void> {
  const intervalS = spriteInterval(durationMs);
  const expected = Math.max(1, Math.ceil(durationMs / 1000 / intervalS));
  const columns = Math.min(10, expected);
  const rows = Math.ceil(expected / columns);
  const image = (await probeStreams(tools, spriteJpg)).streams[0];
  const index: SpriteIndex = {
    version: 1,
    intervalS,
    tileWidth: Math.round((image?.width ?? 0) / columns),
    tileHeight: Math.round((image?.height ?? 0) / rows),
    columns,
    rows,
    count: expected,
  };
  await fs.writeFile(outJson, JSON.stringify(index));
}
