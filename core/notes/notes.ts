import { StudioError } from '../../common/errors';
import type { CallArgs } from '../../common/contract';
import type { Note } from '../../common/schemas/note';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { lessonDuration } from '../library/queries';
import { readSettings } from '../settings/settings';
import { syncNoteChange, syncNoteThread } from '../sync/local-changes';
import { assertNoteDeletable, assertNoteEditable, assertNoteSharable, defaultNotePrivacy } from '../sync/rules';
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
  if (!lessonDuration(ctx.db, lessonId)) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
  return listNotes(ctx.db, lessonId);
}

export function addNote(ctx: CoreContext, args: CallArgs<'notes.add'>): Note {
  const lesson = lessonDuration(ctx.db, args.lessonId);
  if (!lesson) throw new StudioError('not_found', { entity: 'lesson', id: args.lessonId });
  let { startMs, endMs } = args;
  let isPrivate = args.private ?? defaultNotePrivacy(ctx.db, args.lessonId);
  if (args.parentId) {
    const parent = requireNote(ctx, args.parentId);
    // Threads are one level deep: a reply answers a note, not another reply.
    if (parent.lessonId !== args.lessonId || parent.parentId !== null) throw new StudioError('invalid_input', { path: 'parentId' });
    ({ startMs, endMs } = parent);
    // A reply goes wherever its note went, so nobody receives an answer to a note they cannot see.
    isPrivate = parent.private;
  }
  assertNoteSharable(ctx.db, args.lessonId, isPrivate);
  // A coded note may be just its code (dropped with a digit key while watching); anything else needs words.
  if (!args.text.trim() && !(args.codeId && !args.parentId)) throw new StudioError('invalid_input', { path: 'text' });
  checkRange(startMs, endMs, lesson.durationMs);
  const now = ctx.now();
  const note: Note = {
    id: newId(),
    ...args,
    startMs,
    endMs,
    private: isPrivate,
    authorName: readSettings(ctx.db).displayName,
    authorId: null,
    inReviewDraft: false,
    createdAt: now,
    updatedAt: now,
  };
  ctx.db.transaction(() => {
    insertNote(ctx.db, note);
    syncNoteChange(ctx, note.id);
  })();
  ctx.bus.emit('library.changed', { lessonIds: [note.lessonId] });
  return note;
}

export function editNote(ctx: CoreContext, args: CallArgs<'notes.update'>): Note {
  const current = requireNote(ctx, args.id);
  assertNoteEditable(ctx.db, current);
  // A review draft's notes go to the teacher with the review, together, when it is submitted.
  if (current.inReviewDraft && args.private === false && current.private) throw new StudioError('note_in_review_draft');
  const patch = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as Partial<Note>;
  // A reply's moment is its note's; only the note itself can move.
  if (current.parentId) {
    delete patch.startMs;
    delete patch.endMs;
    delete patch.private;
  }
  const next: Note = { ...current, ...patch, updatedAt: ctx.now() };
  assertNoteSharable(ctx.db, current.lessonId, next.private);
  checkRange(next.startMs, next.endMs, lessonDuration(ctx.db, current.lessonId)?.durationMs ?? null);
  ctx.db.transaction(() => {
    updateNote(ctx.db, next);
    if (!current.parentId && (next.startMs !== current.startMs || next.endMs !== current.endMs))
      moveReplies(ctx.db, next.id, next.startMs, next.endMs);
    if (!current.parentId && next.private !== current.private) {
      ctx.db.prepare('UPDATE notes SET private = ? WHERE parent_id = ? AND author_id IS NULL').run(next.private ? 1 : 0, next.id);
    }
    syncNoteThread(ctx, next.id);
  })();
  return next;
}

/** Deleting keeps the note (and its replies) as a tombstone, so it can be restored by undo. */
export function removeNote(ctx: CoreContext, id: string): void {
  const note = requireNote(ctx, id);
  assertNoteDeletable(ctx.db, note);
  ctx.db.transaction(() => {
    softDeleteNote(ctx.db, id, ctx.now());
    syncNoteThread(ctx, id);
  })();
  ctx.bus.emit('library.changed', { lessonIds: [note.lessonId] });
}

export function restoreDeletedNote(ctx: CoreContext, id: string): Note {
  const deleted = getDeletedNote(ctx.db, id);
  if (!deleted) throw new StudioError('not_found', { entity: 'note', id });
  ctx.db.transaction(() => {
    restoreNote(ctx.db, id, deleted.deletedAt);
    syncNoteThread(ctx, id);
  })();
  ctx.bus.emit('library.changed', { lessonIds: [deleted.lessonId] });
  return requireNote(ctx, id);
}
