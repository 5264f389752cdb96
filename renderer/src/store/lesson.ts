import { create } from 'zustand';
import type { CallInput } from '../../../common/contract';
import type { Lesson, LessonPatch } from '../../../common/schemas/lesson';
import type { Note } from '../../../common/schemas/note';
import { call, studio } from '../bridge/studio';

/** What an undo puts back; each entry reverses one change the person made to the notes. */
type UndoEntry = { kind: 'add'; note: Note } | { kind: 'edit'; before: Note } | { kind: 'delete'; note: Note };

interface LessonState {
  lesson: Lesson | null;
  notes: Note[];
  error: unknown;
  undoStack: UndoEntry[];
  open(id: string): Promise<void>;
  refresh(): Promise<void>;
  save(patch: LessonPatch): Promise<void>;
  addNote(input: Omit<CallInput<'notes.add'>, 'lessonId'>): Promise<Note>;
  updateNote(input: CallInput<'notes.update'>): Promise<void>;
  deleteNote(id: string): Promise<void>;
  /** Reverses the last change; resolves to what kind of change it was, or null when there was none. */
  undo(): Promise<UndoEntry['kind'] | null>;
}

const byTime = (a: Note, b: Note) => a.startMs - b.startMs || a.createdAt - b.createdAt;
const UNDO_DEPTH = 50;

/**
 * Reads of the shown lesson overlap (opening it, then one per `library.changed` while the core syncs
 * and downloads it) and their answers may arrive in any order, so only the newest read's answer is
 * kept. A change that lands while the lesson is still opening is remembered and read again once it
 * is open: the opening answer may predate it, and that change may be the last one (the video's
 * download finishing), so dropping it would leave the page showing "Downloading…" for good.
 */
let opening: { id: string; changed: boolean } | null = null;
let lessonReads = 0;
let notesReads = 0;

export const useLesson = create<LessonState>((set, get) => {
  const remember = (entry: UndoEntry) => set({ undoStack: [...get().undoStack, entry].slice(-UNDO_DEPTH) });
  return {
    lesson: null,
    notes: [],
    error: null,
    undoStack: [],
    async open(id) {
      const ticket = { id, changed: false };
      opening = ticket;
      lessonReads += 1;
      notesReads += 1;
      set({ lesson: null, notes: [], error: null, undoStack: [] });
      try {
        const [lesson, notes] = await Promise.all([call('lessons.get', { id }), call('notes.list', { lessonId: id })]);
        // Another lesson was opened meanwhile: its answer is the one to show.
        if (opening !== ticket) return;
        set({ lesson, notes });
      } catch (error) {
        if (opening === ticket) set({ error });
      } finally {
        if (opening === ticket) opening = null;
      }
      if (ticket.changed) reread(id);
    },
    async refresh() {
      const id = get().lesson?.id;
      if (!id) return;
      const read = ++lessonReads;
      try {
        const lesson = await call('lessons.get', { id });
        if (read === lessonReads && get().lesson?.id === id) set({ lesson });
      } catch (error) {
        if (read === lessonReads && get().lesson?.id === id) set({ error, lesson: null });
      }
    },
    async save(patch) {
      const id = get().lesson!.id;
      const lesson = await call('lessons.update', { id, patch });
      // The core's answer to the change is newer than any read still on its way.
      lessonReads += 1;
      set({ lesson });
    },
    async addNote(input) {
      const note = await call('notes.add', { ...input, lessonId: get().lesson!.id });
      set({ notes: [...get().notes, note].sort(byTime) });
      remember({ kind: 'add', note });
      return note;
    },
    async updateNote(input) {
      const before = get().notes.find((n) => n.id === input.id);
      const note = await call('notes.update', input);
      // Moving a note moves its replies with it.
      set({
        notes: get()
          .notes.map((n) => (n.id === note.id ? note : n.parentId === note.id ? { ...n, startMs: note.startMs, endMs: note.endMs } : n))
          .sort(byTime),
      });
      if (before) remember({ kind: 'edit', before });
    },
    async deleteNote(id) {
      const note = get().notes.find((n) => n.id === id);
      await call('notes.delete', { id });
      set({ notes: get().notes.filter((n) => n.id !== id && n.parentId !== id) });
      if (note) remember({ kind: 'delete', note });
    },
    undo: () => undoLast(),
  };
});

/** Reads the shown lesson's notes again: a restored or reverted note may bring its replies back or move them. */
async function reloadNotes(): Promise<void> {
  const id = useLesson.getState().lesson?.id;
  if (!id) return;
  const read = ++notesReads;
  const notes = await call('notes.list', { lessonId: id });
  if (read === notesReads && useLesson.getState().lesson?.id === id) useLesson.setState({ notes });
}

/** Takes back the newest note change on the undo stack; the kind it took back, or null when there was none. */
async function undoLast(): Promise<UndoEntry['kind'] | null> {
  const entry = useLesson.getState().undoStack.at(-1);
  if (!entry) return null;
  useLesson.setState({ undoStack: useLesson.getState().undoStack.slice(0, -1) });
  if (entry.kind === 'add') {
    await call('notes.delete', { id: entry.note.id });
    useLesson.setState({ notes: useLesson.getState().notes.filter((n) => n.id !== entry.note.id && n.parentId !== entry.note.id) });
  } else if (entry.kind === 'delete') {
    await call('notes.restore', { id: entry.note.id });
    await reloadNotes();
  } else {
    const { id, kind, startMs, endMs, text, codeId } = entry.before;
    await call('notes.update', { id, kind, startMs, endMs, text, codeId });
    await reloadNotes();
  }
  return entry.kind;
}

/** Reads the shown lesson and its notes again, after the core said they changed. */
function reread(id: string): void {
  if (useLesson.getState().lesson?.id !== id) return;
  void useLesson.getState().refresh();
  // Notes from other devices arrive with a sync.
  const read = ++notesReads;
  call('notes.list', { lessonId: id }).then(
    (notes) => read === notesReads && useLesson.getState().lesson?.id === id && useLesson.setState({ notes }),
    () => undefined,
  );
}

studio.on('library.changed', ({ lessonIds }) => {
  if (opening && lessonIds.includes(opening.id)) opening.changed = true;
  const current = useLesson.getState().lesson;
  if (current && lessonIds.includes(current.id)) reread(current.id);
});
