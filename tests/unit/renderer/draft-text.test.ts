import { beforeEach, describe, expect, it } from 'vitest';
import { arrived, editDraft, isDrafting, useDraftTexts } from '../../../renderer/src/lib/draft-text';

/**
 * What a person types survives the saved value arriving again (a sync, a reload): an unsaved goal is
 * not wiped when a mentor's note lands, and a change underneath is told, not merged silently.
 */
const KEY = 'plan:review-1';
const entry = () => useDraftTexts.getState().entries[KEY];
const saved = { goals: [] as string[] };

beforeEach(() => useDraftTexts.setState({ entries: {} }));

describe('draft text', () => {
  it('keeps what is typed when the same saved value arrives again, as a fresh object', () => {
    editDraft(KEY, saved, { goals: ['Ask two students'] });
    arrived(KEY, JSON.stringify({ goals: [] }));
    expect(entry()).toMatchObject({ value: { goals: ['Ask two students'] }, changedUnderneath: false });
  });

  it('keeps what is typed and says so when the saved value changed underneath', () => {
    editDraft(KEY, saved, { goals: ['Ask two students'] });
    arrived(KEY, JSON.stringify({ goals: ['Wait three seconds'] }));
    expect(entry()).toMatchObject({ value: { goals: ['Ask two students'] }, changedUnderneath: true });
  });

  it('ends once its own save comes back, and when typed back to the saved value', () => {
    editDraft(KEY, saved, { goals: ['Ask two students'] });
    useDraftTexts.getState().put(KEY, { ...entry()!, saving: true });
    arrived(KEY, JSON.stringify({ goals: ['Ask two students (saved)'] }));
    expect(entry()).toBeUndefined();

    editDraft(KEY, saved, { goals: ['x'] });
    arrived(KEY, JSON.stringify({ goals: ['x'] }));
    expect(entry()).toBeUndefined();
    editDraft(KEY, saved, saved);
    expect(entry()).toBeUndefined();
  });

  it('tells an editor closed by a remount to open again while something unsaved is kept, not while it is saving', () => {
    const drafting = () => isDrafting(useDraftTexts.getState().entries, KEY);
    expect(drafting()).toBe(false);
    editDraft(KEY, saved, { goals: ['Ask two students'] });
    expect(drafting()).toBe(true);
    useDraftTexts.getState().put(KEY, { ...entry()!, saving: true });
    expect(drafting()).toBe(false);
    useDraftTexts.getState().put(KEY, null);
    expect(drafting()).toBe(false);
  });
});
