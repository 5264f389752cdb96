import { create } from 'zustand';
import type { Note, NoteKind } from '../../../common/schemas/note';

export interface NoteDraft {
  startMs: number;
  endMs: number | null;
  text: string;
  kind: NoteKind;
  codeId: string | null;
}

export interface NoteFilters {
  kind: NoteKind | '';
  /** A code id, '' for any, or 'none' for notes without a code. */
  code: string;
  author: string | null;
}

/** Whether a note is among those the filters show (in the list, and for jumping from note to note). */
export function shownBy(f: NoteFilters, n: Note): boolean {
  return (
    (!f.kind || n.kind === f.kind) &&
    (!f.code || (f.code === 'none' ? n.codeId === null : n.codeId === f.code)) &&
    (f.author === null || n.authorName === f.author)
  );
}

export const ZOOM_LEVELS = [1, 2, 4, 8, 16];

interface WorkspaceState {
  /** The in point set with I, waiting for O. */
  inMs: number | null;
  draft: NoteDraft | null;
  /** The last range marked with I/O or by dragging, which the clips panel can save. */
  lastRange: { startMs: number; endMs: number } | null;
  zoom: number;
  follow: boolean;
  filters: NoteFilters;
  tab: 'notes' | 'clips' | 'reflection' | 'details' | 'talk' | 'blur';
  reset(): void;
  set(patch: Partial<Omit<WorkspaceState, 'reset' | 'set' | 'zoomBy'>>): void;
  zoomBy(direction: 1 | -1): void;
}

const initial = {
  inMs: null,
  draft: null,
  lastRange: null,
  zoom: 1,
  follow: true,
  filters: { kind: '', code: '', author: null },
  tab: 'notes',
} as const satisfies Partial<WorkspaceState>;

/** What the person is doing in the lesson workspace right now; shared by the timeline, the list and the shortcuts. */
export const useWorkspace = create<WorkspaceState>((set, get) => ({
  ...initial,
  filters: { ...initial.filters },
  reset: () => set({ ...initial, filters: { ...initial.filters } }),
  set: (patch) => set(patch),
  zoomBy(direction) {
    const at = ZOOM_LEVELS.indexOf(get().zoom);
    set({ zoom: ZOOM_LEVELS[Math.min(ZOOM_LEVELS.length - 1, Math.max(0, at + direction))]! });
  },
}));
