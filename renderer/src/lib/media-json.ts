import { z } from 'zod';
import type { Lesson } from '../../../common/schemas/lesson';
import { spriteTileAt } from '../../../common/sprite-grid';
import { studio } from '../bridge/studio';

/** The waveform the peaks job writes: min,max pairs, `peaksPerSecond` pairs per second. */
const peaksSchema = z.object({ peaksPerSecond: z.number().positive(), data: z.array(z.number()) });
export type Peaks = z.infer<typeof peaksSchema>;

/** The sprite job's index: tile k (row-major) shows the picture at k × intervalS. */
const spriteIndexSchema = z.object({
  intervalS: z.number().positive(),
  tileWidth: z.number().positive(),
  tileHeight: z.number().positive(),
  columns: z.number().int().positive(),
  rows: z.number().int().positive(),
  count: z.number().int().positive(),
});
export type SpriteIndex = z.infer<typeof spriteIndexSchema>;

async function fetchJson<T>(assetId: string, schema: z.ZodType<T>): Promise<T | null> {
  const res = await fetch(studio.mediaUrl(assetId)).catch(() => null);
  if (!res?.ok) return null;
  const parsed = schema.safeParse(await res.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}

export const assetOf = (lesson: Lesson, kind: Lesson['assets'][number]['kind']) => lesson.assets.find((a) => a.kind === kind)?.id ?? null;

export function loadPeaks(assetId: string): Promise<Peaks | null> {
  return fetchJson(assetId, peaksSchema);
}

export interface Sprite {
  index: SpriteIndex;
  url: string;
}

export async function loadSprite(indexId: string, imageId: string): Promise<Sprite | null> {
  const index = await fetchJson(indexId, spriteIndexSchema);
  return index && { index, url: studio.mediaUrl(imageId) };
}

/** The tile of the sprite that shows the moment `ms`, as a CSS background offset. */
export function spriteTile(sprite: Sprite, ms: number): { x: number; y: number } {
  const { columns, tileWidth, tileHeight } = sprite.index;
  const k = spriteTileAt(ms, sprite.index);
  return { x: -(k % columns) * tileWidth, y: -Math.floor(k / columns) * tileHeight };
}
