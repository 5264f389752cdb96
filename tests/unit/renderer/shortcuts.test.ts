import { describe, expect, it } from 'vitest';
import type { Note } from '../../../common/schemas/note';
import { shortcutFor } from '../../../renderer/src/lib/shortcuts';
import { adjacentNote, currentNoteIndex, msAtPointer, percentAt, rangeRows, seekStepMs } from '../../../renderer/src/lib/timeline';

const key = (k: string, extra: Partial<{ code: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  code: extra.code ?? '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...extra,
});

describe('the keyboard map', () => {
  it('maps every documented key', () => {
    const names = [' ', 'k', 'K', 'j', 'l', 'ArrowLeft', 'ArrowRight', ',', '.', 'n', 'i', 'o', '[', ']', '?', 'Escape', '+', '-'].map(
      (k) => shortcutFor(key(k))?.name,
    );
    expect(names).toEqual([
      'togglePlay',
      'togglePlay',
      'togglePlay',
      'back',
      'forward',
      'stepBack',
      'stepForward',
      'slower',
      'faster',
      'note',
      'markIn',
      'markOut',
      'previousNote',
      'nextNote',
      'help',
      'cancel',
      'zoomIn',
      'zoomOut',
    ]);
    expect(shortcutFor(key('7'))).toEqual({ name: 'code', key: 7 });
    expect(shortcutFor(key('0'))).toBeNull();
  });

  it('works with an Arabic keyboard layout by physical key', () => {
    expect(shortcutFor(key('ى', { code: 'KeyN' }))?.name).toBe('note');
    expect(shortcutFor(key('١', { code: 'Digit1' }))).toEqual({ name: 'code', key: 1 });
    expect(shortcutFor(key('ج', { code: 'BracketLeft' }))?.name).toBe('previousNote');
    expect(shortcutFor(key('د', { code: 'BracketRight' }))?.name).toBe('nextNote');
    // A letter typed on another key stays unmapped.
    expect(shortcutFor(key('ج', { code: 'Quote' }))).toBeNull();
  });

  it('opens the shortcuts with Shift and the / key, which types "؟" in Arabic', () => {
    expect(shortcutFor(key('؟', { code: 'Slash', shiftKey: true }))?.name).toBe('help');
    expect(shortcutFor(key('?', { code: 'Slash', shiftKey: true }))?.name).toBe('help');
    // Without Shift the same key types a letter ("ظ"), which is no shortcut.
    expect(shortcutFor(key('ظ', { code: 'Slash' }))).toBeNull();
  });

  it('leaves browser combinations alone, except undo', () => {
    expect(shortcutFor(key('n', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('k', { altKey: true }))).toBeNull();
    expect(shortcutFor(key('z', { ctrlKey: true }))?.name).toBe('undo');
    expect(shortcutFor(key('z', { metaKey: true }))?.name).toBe('undo');
  });
});

describe('timeline geometry', () => {
  const note = (id: string, startMs: number, endMs: number | null): Note => ({
    id,
    lessonId: 'l',
    parentId: null,
    kind: 'observation',
    startMs,
    endMs,
    text: '',
    codeId: null,
    private: false,
    inReviewDraft: false,
    authorId: null,
    authorName: '',
    createdAt: 0,
    updatedAt: 0,
  });

  it('places moments by the fraction of the lesson, left to right', () => {
    expect(percentAt(2500, 10_000)).toBe(25);
    expect(percentAt(20_000, 10_000)).toBe(100);
    expect(msAtPointer(150, { left: 100, width: 200 }, 10_000)).toBe(2500);
    expect(msAtPointer(0, { left: 100, width: 200 }, 10_000)).toBe(0);
  });

  it('stacks overlapping ranges in rows and reuses a row once it is free', () => {
    const rows = rangeRows(
      [note('a', 0, 5000), note('b', 1000, 3000), note('c', 4000, 6000), note('d', 5000, 7000), note('p', 100, null)],
      3,
    );
    expect(Object.fromEntries(rows)).toEqual({ a: 0, b: 1, c: 1, d: 0 });
  });

  it('finds the note playback is at', () => {
    const notes = [note('a', 1000, null), note('b', 3000, null)];
    expect([0, 1000, 2999, 5000].map((ms) => currentNoteIndex(notes, ms))).toEqual([-1, 0, 0, 1]);
  });

  it('finds the note to jump to, back or forward, from where playback is', () => {
    const notes = [note('a', 1000, null), note('b', 3000, 4000), note('c', 8000, null)];
    const id = (ms: number, direction: -1 | 1) => adjacentNote(notes, ms, direction)?.id ?? null;
    expect([0, 1000, 1050, 2000, 8000].map((ms) => id(ms, 1))).toEqual(['a', 'b', 'b', 'b', null]);
    // Just past a note's start (a jump landed there, or it is playing), back means the one before.
    expect([0, 1000, 3000, 3500, 3800, 9000].map((ms) => id(ms, -1))).toEqual([null, null, 'a', 'a', 'b', 'c']);
  });
});

describe('the seek slider', () => {
  it('moves 5 s an arrow press, 1 s with Shift, forward on Right and Up', () => {
    expect(['ArrowRight', 'ArrowUp', 'ArrowLeft', 'ArrowDown'].map((k) => seekStepMs(k, false))).toEqual([5000, 5000, -5000, -5000]);
    expect(seekStepMs('ArrowRight', true)).toBe(1000);
    expect(seekStepMs('ArrowLeft', true)).toBe(-1000);
    expect(seekStepMs('Home', false)).toBeNull();
  });
});
