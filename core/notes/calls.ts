import type { CoreContext } from '../app/context';
import { ok, type CallsOf } from '../app/calls';
import { addNote, editNote, notesOf, removeNote, restoreDeletedNote } from './notes';

export function notesCalls(ctx: CoreContext): CallsOf<'notes'> {
  return {
    'notes.list': async ({ lessonId }) => notesOf(ctx, lessonId),
    'notes.add': async (args) => addNote(ctx, args),
    'notes.update': async (args) => editNote(ctx, args),
    'notes.delete': async ({ id }) => {
      removeNote(ctx, id);
      return ok;
    },
    'notes.restore': async ({ id }) => restoreDeletedNote(ctx, id),
  };
}
