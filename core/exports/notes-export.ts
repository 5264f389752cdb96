import type { CallArgs, CallOutput } from '../../common/contract';
import { StudioError } from '../../common/errors';
import type { Note } from '../../common/schemas/note';
import type { CoreContext } from '../app/context';
import { codingFor } from '../coding/schemes';
import { getLessonRow } from '../library/queries';
import { listNotes } from '../notes/queries';
import { notesToCsv } from './csv';
import { notesToVtt } from './vtt';

/** Notes in thread order: each top-level note by time, its replies right after it. */
function threaded(notes: Note[]): Note[] {
  const replies = new Map<string, Note[]>();
  for (const n of notes) if (n.parentId) replies.set(n.parentId, [...(replies.get(n.parentId) ?? []), n]);
  return notes.filter((n) => n.parentId === null).flatMap((n) => [n, ...(replies.get(n.id) ?? [])]);
}

/** A file name from the lesson title that is safe on every OS. */
function fileName(title: string, ext: string): string {
  const base = title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'lesson';
  return `${base} - notes.${ext}`;
}

export function exportNotes(ctx: CoreContext, { lessonId, format }: CallArgs<'exports.notes'>): CallOutput<'exports.notes'> {
  const lesson = getLessonRow(ctx.db, lessonId);
  if (!lesson) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
  const notes = threaded(listNotes(ctx.db, lessonId));
  const codeNames = new Map(codingFor(ctx, lessonId).schemes.flatMap((s) => s.codes.map((c) => [c.id, c.name] as const)));
  return format === 'vtt'
    ? { fileName: fileName(lesson.title, 'vtt'), mime: 'text/vtt', text: notesToVtt(notes, codeNames, lesson.durationMs) }
    : { fileName: fileName(lesson.title, 'csv'), mime: 'text/csv', text: notesToCsv(notes, codeNames) };
}
