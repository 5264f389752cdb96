import fs from 'node:fs/promises';
import type { MediaTools } from '../media/tools';
import { probeStreams } from '../media/probe';
import type { SpriteIndex } from '../media/sprite';
import { spriteGrid } from '../../common/sprite-grid';

/**
 * Rebuilds the index of a sprite that arrived from a community. Sprites are laid out by the same rule
 * everywhere (common/sprite-grid.ts), so the picture's size and the lesson's duration are enough.
 */
export async function writeSpriteIndex(tools: MediaTools, spriteJpg: string, outJson: string, durationMs: number): Promise<void> {
  const { intervalS, columns, rows, expected } = spriteGrid(durationMs);
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
