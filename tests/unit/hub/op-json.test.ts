import { describe, expect, it } from 'vitest';
import { joinedJson, sideBySide } from '../../../hub/sync/op-json';

const texts = (from: number, count: number) => Array.from({ length: count }, (_, i) => `{"seq":${from + i},"title":"درس ${from + i} 🧮"}`);
const joined = (pieces: Buffer[]) => Buffer.concat(pieces).toString('utf8');

describe('op JSON side by side', () => {
  it('slices each text out of one buffer of its read, and joins runs of them as single slices', () => {
    const first = sideBySide(texts(1, 5));
    const second = sideBySide(texts(6, 3));
    expect(first.map((b) => b.toString('utf8'))).toEqual(texts(1, 5));
    expect(new Set(first.map((b) => b.buffer)).size).toBe(1);
    expect(first[0]!.buffer).not.toBe(second[0]!.buffer);

    const all = [...first, ...second].map((json) => ({ json }));
    const pieces = joinedJson(all);
    expect(joined(pieces)).toBe([...texts(1, 5), ...texts(6, 3)].join(','));
    // One slice per read, and a comma between them.
    expect(pieces).toHaveLength(3);
  });

  it('breaks a run where an op is left out, and never takes in the bytes between', () => {
    const read = sideBySide(texts(1, 6));
    const shown = [0, 1, 3, 5].map((i) => ({ json: read[i]! }));
    expect(joined(joinedJson(shown))).toBe([1, 2, 4, 6].map((n) => texts(n, 1)[0]).join(','));
    expect(joinedJson([])).toEqual([]);
    expect(joined(joinedJson([{ json: read[4]! }]))).toBe(texts(5, 1)[0]);
  });
});
