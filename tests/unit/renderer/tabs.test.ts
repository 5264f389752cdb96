import { describe, expect, it } from 'vitest';
import { tabIndexAfterKey } from '../../../renderer/src/lib/tabs';

describe('keys in a row of tabs', () => {
  it('moves right to the next tab and left to the previous, wrapping at both ends', () => {
    expect(tabIndexAfterKey('ArrowRight', 0, 4, false)).toBe(1);
    expect(tabIndexAfterKey('ArrowRight', 3, 4, false)).toBe(0);
    expect(tabIndexAfterKey('ArrowLeft', 0, 4, false)).toBe(3);
    expect(tabIndexAfterKey('ArrowLeft', 2, 4, false)).toBe(1);
  });

  it('mirrors the arrows right to left, where the first tab is on the right', () => {
    expect(tabIndexAfterKey('ArrowLeft', 0, 4, true)).toBe(1);
    expect(tabIndexAfterKey('ArrowRight', 0, 4, true)).toBe(3);
  });

  it('goes to either end with Home and End, and leaves other keys alone', () => {
    expect(tabIndexAfterKey('Home', 2, 4, true)).toBe(0);
    expect(tabIndexAfterKey('End', 0, 4, false)).toBe(3);
    expect(tabIndexAfterKey('Enter', 0, 4, false)).toBeNull();
    expect(tabIndexAfterKey('ArrowDown', 0, 4, false)).toBeNull();
  });
});
