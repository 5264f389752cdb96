import { StudioError } from '../../common/errors';
import type { CallArgs } from '../../common/contract';
import type { Note } from '../../common/schemas/note';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { getLessonRow } from '../library/queries';
import { readSettings } from '../settings/settings';
import { getDeletedNote, getNote, insertNote, listNotes, moveReplies, restoreNote, softDeleteNote, updateNote } from './queries';

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
  let { startMs, endMs } = args;
  if (args.parentId) {
    const parent = requireNote(ctx, args.parentId);
    // Threads are one level deep: a reply answers a note, not another reply.
    if (parent.lessonId !== args.lessonId || parent.parentId !== null) throw new StudioError('invalid_input', { path: 'parentId' });
    ({ startMs, endMs } = parent);
  }
  // A coded note may be just its code (dropped with a digit key while watching); anything else needs words.
  if (!args.text.trim() && !(args.codeId && !args.parentId)) throw new StudioError('invalid_input', { path: 'text' });
  checkRange(startMs, endMs, lesson.durationMs);
  const now = ctx.now();
  const note: Note = { id: newId(), ...args, startMs, endMs, authorName: readSettings(ctx.db).displayName, createdAt: now, updatedAt: now };
  insertNote(ctx.db, note);
  ctx.bus.emit('library.changed', { lessonIds: [note.lessonId] });
  return note;
}

export function editNote(ctx: CoreContext, args: CallArgs<'notes.update'>): Note {
  const current = requireNote(ctx, args.id);
  const patch = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as Partial<Note>;
  // A reply's moment is its note's; only the note itself can move.
  if (current.parentId) {
    delete patch.startMs;
    delete patch.endMs;
  }
  const next: Note = { ...current, ...patch, updatedAt: ctx.now() };
  checkRange(next.startMs, next.endMs, getLessonRow(ctx.db, current.lessonId)?.durationMs ?? null);
  ctx.db.transaction(() => {
    updateNote(ctx.db, next);
    if (!current.parentId && (next.startMs !== current.startMs || next.endMs !== current.endMs)) moveReplies(ctx.db, next.id, next.startMs, next.endMs);
  })();
  return next;
}

/** Deleting keeps the note (and its replies) as a tombstone, so it can be restored by undo. */
export function removeNote(ctx: CoreContext, id: string): void {
  const note = requireNote(ctx, id);
  softDeleteNote(ctx.db, id, ctx.now());
  ctx.bus.emit('library.changed', { lessonIds: [note.lessonId] });
}

export function restoreDeletedNote(ctx: CoreContext, id: string): Note {
  const deleted = getDeletedNote(ctx.db, id);
  if (!deleted) throw new StudioError('not_found', { entity: 'note', id });
  restoreNote(ctx.db, id, deleted.deletedAt);
  ctx.bus.emit('library.changed', { lessonIds: [deleted.lessonId] });
  return requireNote(ctx, id);
}
