import type { CallArgs, CallOutput } from '../../common/contract';
import { StudioError } from '../../common/errors';
import type { CoreContext } from '../app/context';
import { codingFor } from '../coding/schemes';
import { getLessonRow } from '../library/queries';
import { listNotes } from '../notes/queries';
import { getReflection } from '../reflection/queries';
import { exportContents } from './contents';
import { fileName } from './file-name';
import { notesToCsv } from './csv';
import { notesToVtt } from './vtt';
import { talkAnalysis } from '../talk/talk';
import { talkCsvRows } from '../talk/talk-export';

/** The names the lesson page shows: a built-in code in the given language, a person's own code as they wrote it. */
export function localCodeNames(ctx: CoreContext, lessonId: string, language: string): Map<string, string> {
  const base = language.split('-')[0]!;
  return new Map(
    codingFor(ctx, lessonId).schemes.flatMap((s) =>
      s.codes.map((c) => [c.id, c.labels?.[language] ?? c.labels?.[base] ?? c.name] as const),
    ),
  );
}

export function exportNotes(
  ctx: CoreContext,
  { lessonId, format, language, labels, include }: CallArgs<'exports.notes'>,
): CallOutput<'exports.notes'> {
  const lesson = getLessonRow(ctx.db, lessonId);
  if (!lesson) throw new StudioError('not_found', { entity: 'lesson', id: lessonId });
  const codeNames = localCodeNames(ctx, lessonId, language);
  const contents = exportContents(listNotes(ctx.db, lessonId), getReflection(ctx.db, lessonId) ?? null, include, {
    codeNames,
    labels,
    language,
  });
  if (format === 'vtt') return { fileName: fileName(lesson.title, 'vtt'), mime: 'text/vtt', text: notesToVtt(contents, lesson.durationMs) };
  // The talk analysis is private: in the file only when the teacher ticked it, and only once there is one.
  const talk = include.talk ? talkAnalysis(ctx, lessonId) : null;
  const talkRows = talk?.status === 'ready' ? talkCsvRows(talk, labels.talk) : [];
  return { fileName: fileName(lesson.title, 'csv'), mime: 'text/csv', text: notesToCsv(contents, talkRows) };
}
