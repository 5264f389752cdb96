import { create } from 'zustand';
import type { CallInput } from '../../../common/contract';
import type { Lesson, LessonPatch } from '../../../common/schemas/lesson';
import type { Note } from '../../../common/schemas/note';
import { call, studio } from '../bridge/studio';

interface LessonState {
  lesson: Lesson | null;
  notes: Note[];
  error: unknown;
  open(id: string): Promise<void>;
  refresh(): Promise<void>;
  save(patch: LessonPatch): Promise<void>;
  addNote(input: Omit<CallInput<'notes.add'>, 'lessonId'>): Promise<Note>;
  updateNote(input: CallInput<'notes.update'>): Promise<void>;
  deleteNote(id: string): Promise<void>;
}

const byTime = (a: Note, b: Note) => a.startMs - b.startMs || a.createdAt - b.createdAt;

export const useLesson = create<LessonState>((set, get) => ({
  lesson: null,
  notes: [],
  error: null,
  async open(id) {
    set({ lesson: null, notes: [], error: null });
    try {
      const [lesson, notes] = await Promise.all([call('lessons.get', { id }), call('notes.list', { lessonId: id })]);
      set({ lesson, notes });
    } catch (error) {
      set({ error });
    }
  },
  async refresh() {
    const id = get().lesson?.id;
    if (!id) return;
    try {
      set({ lesson: await call('lessons.get', { id }) });
    } catch (error) {
      set({ error, lesson: null });
    }
  },
  async save(patch) {
    const id = get().lesson!.id;
    set({ lesson: await call('lessons.update', { id, patch }) });
  },
  async addNote(input) {
    const note = await call('notes.add', { ...input, lessonId: get().lesson!.id });
    set({ notes: [...get().notes, note].sort(byTime) });
    return note;
  },
  async updateNote(input) {
    const note = await call('notes.update', input);
    set({ notes: get().notes.map((n) => (n.id === note.id ? note : n)).sort(byTime) });
  },
  async deleteNote(id) {
    await call('notes.delete', { id });
    set({ notes: get().notes.filter((n) => n.id !== id && n.parentId !== id) });
  },
}));

studio.on('library.changed', ({ lessonIds }) => {
  const current = useLesson.getState().lesson;
  if (current && lessonIds.includes(current.id)) void useLesson.getState().refresh();
});
