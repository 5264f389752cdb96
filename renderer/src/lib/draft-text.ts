import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * What a person is typing, kept apart from the data it edits. Syncs reload the stores and screens, and
 * lists re-render from fresh objects (or remount while loading); an editor that keeps its text in its
 * own state, or resets it whenever its record arrives again, loses what was typed. Every editor keeps
 * its unsaved value here instead, under a key naming what it edits, until it is saved or discarded:
 * - while nothing is typed, the editor shows the saved value, whatever arrives;
 * - once something is typed, arrivals never replace it; if the saved value itself changed underneath,
 *   the editor is told so (`changedUnderneath`) and says it, and saving then writes what was typed.
 */
export interface DraftEntry {
  /** The saved value (as JSON) the typing started from, or last acknowledged. */
  base: string;
  value: unknown;
  changedUnderneath: boolean;
  /** Saved and waiting for the store to bring the saved value back: the next arrival ends the draft. */
  saving: boolean;
}

/** What becomes of a draft when the saved value arrives (again): kept, kept and flagged, or done (null). */
export function rebase(entry: DraftEntry, savedJson: string): DraftEntry | null {
  if (entry.base === savedJson) return entry;
  if (entry.saving || JSON.stringify(entry.value) === savedJson) return null;
  return { ...entry, base: savedJson, changedUnderneath: true };
}

interface DraftStore {
  entries: Record<string, DraftEntry>;
  put(key: string, entry: DraftEntry | null): void;
}

export const useDraftTexts = create<DraftStore>((set) => ({
  entries: {},
  put(key, entry) {
    set((s) => {
      const entries = { ...s.entries };
      if (entry) entries[key] = entry;
      else delete entries[key];
      return { entries };
    });
  },
}));

/** Starts or changes the draft under `key` from the saved value `saved`; typing back to the saved value ends it. */
export function editDraft<T>(key: string, saved: T, value: T): void {
  const { entries, put } = useDraftTexts.getState();
  const current = entries[key];
  const savedJson = JSON.stringify(saved);
  if (!current && JSON.stringify(value) === savedJson) return;
  put(key, {
    base: current?.base ?? savedJson,
    value,
    changedUnderneath: current?.changedUnderneath ?? false,
    saving: false,
  });
}

/** The saved value under `key` arrived (again), from a save, a sync or a reload. */
export function arrived(key: string, savedJson: string): void {
  const { entries, put } = useDraftTexts.getState();
  const current = entries[key];
  if (current) {
    const next = rebase(current, savedJson);
    if (next !== current) put(key, next);
  }
}

/** Whether something unsaved is kept under `key`: an editor closed by a remount opens again to show it. */
export function isDrafting(entries: Record<string, DraftEntry>, key: string): boolean {
  const entry = entries[key];
  return entry !== undefined && !entry.saving;
}

/** {@link isDrafting}, as a hook: for the list that decides whether an editor is open. */
export function useDrafting(key: string): boolean {
  return useDraftTexts((s) => isDrafting(s.entries, key));
}

export interface DraftText<T> {
  /** What the editor shows: the unsaved value while there is one, else the saved one. */
  value: T;
  set(next: T): void;
  /** Something unsaved is kept. */
  dirty: boolean;
  /** The saved value changed (someone else, another device) while this was being typed. */
  changedUnderneath: boolean;
  /** Saved: the next arrival of the saved value ends the draft, with no flicker back to the old one. */
  saved(): void;
  discard(): void;
}

/** An editor's unsaved value for `key` (what it edits, e.g. `plan:<reviewId>`), surviving syncs and remounts. */
export function useDraftText<T>(key: string, saved: T): DraftText<T> {
  const entry = useDraftTexts((s) => s.entries[key]);
  const savedJson = JSON.stringify(saved);
  useEffect(() => arrived(key, savedJson), [key, savedJson]);
  return {
    value: entry ? (entry.value as T) : saved,
    set: (next) => editDraft(key, saved, next),
    dirty: entry !== undefined && !entry.saving,
    changedUnderneath: entry?.changedUnderneath ?? false,
    saved: () => {
      const current = useDraftTexts.getState().entries[key];
      if (current) useDraftTexts.getState().put(key, { ...current, saving: true, changedUnderneath: false });
    },
    discard: () => useDraftTexts.getState().put(key, null),
  };
}
