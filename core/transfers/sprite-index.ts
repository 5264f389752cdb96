import type { MediaTools } from '../media/tools';
import { writeSpriteIndexOf } from '../media/sprite';
import { spriteGrid } from '../../common/sprite-grid';

/**
 * Rebuilds the index of a sprite that arrived from a community. Sprites are laid out by the same rule
 * everywhere (common/sprite-grid.ts), so the picture's size and the lesson's duration are enough.
 */
export async function writeSpriteIndex(tools: MediaTools, spriteJpg: string, outJson: string, durationMs: number): Promise<void> {
  const { intervalS, columns, rows, expected } = spriteGrid(durationMs);
  await writeSpriteIndexOf(tools, spriteJpg, outJson, { intervalS, columns, rows, count: expected });
}
