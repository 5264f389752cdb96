import { describe, expect, it } from 'vitest';
import { compareItems, positionAtEnd, positionsForMove, sortItems, type Positioned } from '../../../core/collections/order';

function build(ids: string[]): Positioned[] {
  const items: Positioned[] = [];
  for (const id of ids) items.push({ id, position: positionAtEnd(items) });
  return items;
}

function move(items: Positioned[], id: string, index: number): Positioned[] {
  const updates = positionsForMove(items, id, index);
  return items.map((i) => ({ ...i, position: updates.get(i.id) ?? i.position }));
}

const ids = (items: Positioned[]) => sortItems(items).map((i) => i.id);

describe('collection order (fractional indexing)', () => {
  it('moves one item by changing its position only', () => {
    const items = build(['a', 'b', 'c', 'd']);
    const updates = positionsForMove(items, 'd', 1);
    expect([...updates.keys()]).toEqual(['d']);
    expect(ids(move(items, 'd', 1))).toEqual(['a', 'd', 'b', 'c']);
    expect(ids(move(items, 'a', 3))).toEqual(['b', 'c', 'd', 'a']);
    expect(ids(move(items, 'c', 0))).toEqual(['c', 'a', 'b', 'd']);
    expect(ids(move(items, 'b', 99))).toEqual(['a', 'c', 'd', 'b']);
  });

  it('compares positions by code point, not by locale', () => {
    expect(compareItems({ id: 'x', position: 'Zz' }, { id: 'y', position: 'a0' })).toBe(-1);
    expect(compareItems({ id: 'x', position: 'a0' }, { id: 'y', position: 'a0' })).toBe(-1);
  });

  it('converges when two people move items offline and their changes merge field by field', () => {
    const start = build(['a', 'b', 'c', 'd', 'e']);
    // Each person moves a different item into the same gap, so both pick the same position.
    const first = move(start, 'e', 1);
    const second = move(start, 'd', 1);
    const merged = start.map((i) => {
      const fromFirst = first.find((f) => f.id === i.id)!;
      const fromSecond = second.find((s) => s.id === i.id)!;
      return fromFirst.position !== i.position ? fromFirst : fromSecond;
    });
    expect(merged.find((i) => i.id === 'e')!.position).toBe(merged.find((i) => i.id === 'd')!.position);
    // Ties fall back to the id, the same way on every device; and the next move between them still works.
    expect(ids(merged)).toEqual(['a', 'd', 'e', 'b', 'c']);
    const after = move(merged, 'c', 2);
    expect(ids(after)).toEqual(['a', 'd', 'c', 'e', 'b']);
    expect(new Set(after.map((i) => i.position)).size).toBe(after.length);
  });
});
