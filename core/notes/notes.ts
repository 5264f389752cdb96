import { StudioError } from '../../common/errors';
import type { CallArgs } from '../../common/contract';
import type { Note } from '../../common/schemas/note';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { getLessonRow } from '../library/queries';
import { readSettings } from '../settings/settings';
import { deleteNote, getNote, insertNote, listNotes, updateNote } from './queries';

function checkRange(startMs: number, endMs: number | null, durationMs: number | null): void {
  if (endMs !== null && endMs < startMs) throw new StudioError('range_invalid', { startMs, endMs });
  // A little slack past the end: a recording's probed duration can be a frame short of the last moment.
  if (durationMs !== null && startMs > durationMs + 1000) throw new StudioError('range_invalid', { startMs, durationMs });
}

function requireNote(ctx: CoreContext, id: string): Note {
  const note = getNote(ctx.db, id);
  if (!note) throw new StudioError('not_found', { entity: 'note', id });
  return note;
}

export function notesOf(ctx: CoreContext, lessonId: string): Note[] {
  if (!getLessonRow(ctx.db, lessonId)) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
  return listNotes(ctx.db, lessonId);
}

export function addNote(ctx: CoreContext, args: CallArgs<'notes.add'>): Note {
  const lesson = getLessonRow(ctx.db, args.lessonId);
  if (!lesson) throw new StudioError('not_found', { entity: 'lesson', id: args.lessonId });
  if (args.parentId) {
    const parent = requireNote(ctx, args.parentId);
    if (parent.lessonId !== args.lessonId) throw new StudioError('invalid_input', { path: 'parentId' });
  }
  checkRange(args.startMs, args.endMs, lesson.durationMs);
  const now = ctx.now();
  const note: Note = { id: newId(), ...args, authorName: readSettings(ctx.db).displayName, createdAt: now, updatedAt: now };
  insertNote(ctx.db, note);
  ctx.bus.emit('library.changed', { lessonIds: [note.lessonId] });
  return note;
}

export function editNote(ctx: CoreContext, args: CallArgs<'notes.update'>): Note {
  const current = requireNote(ctx, args.id);
  const next: Note = {
    ...current,
    ...Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)),
    updatedAt: ctx.now(),
  };
  checkRange(next.startMs, next.endMs, getLessonRow(ctx.db, current.lessonId)?.durationMs ?? null);
  updateNote(ctx.db, next);
  return next;
}

export function removeNote(ctx: CoreContext, id: string): void {
  const note = requireNote(ctx, id);
  deleteNote(ctx.db, id);
  ctx.bus.emit('library.changed', { lessonIds: [note.lessonId] });
}
