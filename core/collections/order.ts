import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export interface Positioned {
  id: string;
  position: string;
}

/**
 * Items sort by position, then by id. Positions are compared by code unit, never by locale: every
 * device must put the same values in the same order. Two leads moving different items into the same
 * gap offline can pick the same position; the id then decides, the same way everywhere.
 */
export function compareItems(a: Positioned, b: Positioned): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortItems<T extends Positioned>(items: readonly T[]): T[] {
  return [...items].sort(compareItems);
}

/** The position for a new item at the end. */
export function positionAtEnd(items: readonly Positioned[]): string {
  const last = sortItems(items).at(-1);
  return generateKeyBetween(last?.position ?? null, null);
}

/**
 * New positions that put `id` at `index` among the others. Usually only the moved item changes. When
 * its new neighbours share a position (an earlier tie), the tied items after the gap move with it, so
 * the result is strictly ordered and no key has to be generated between two equal ones.
 */
export function positionsForMove(items: readonly Positioned[], id: string, index: number): Map<string, string> {
  const others = sortItems(items.filter((i) => i.id !== id));
  const at = Math.min(Math.max(index, 0), others.length);
  const before = others[at - 1]?.position ?? null;
  let end = at;
  while (before !== null && end < others.length && others[end]!.position <= before) end++;
  const after = others[end]?.position ?? null;
  const moved = [id, ...others.slice(at, end).map((o) => o.id)];
  const keys = generateNKeysBetween(before, after, moved.length);
  return new Map(moved.map((movedId, i) => [movedId, keys[i]!]));
}
