import { StudioError } from '../../common/errors';
import type { TalkExportLabels } from '../../common/schemas/export';
import type { TalkAnalysis, TalkFigures, TalkLabel } from '../../common/schemas/talk';
import type { CsvRow } from '../exports/csv';
import { escape, timestamp } from '../exports/vtt';
import { turnsOf } from './figures';
import type { CoreContext } from '../app/context';
import { fileName } from '../exports/file-name';
import { getLessonRow } from '../library/queries';
import { talkAnalysis } from './talk';

/**
 * The figures as CSV rows, each under a name that stays the same in every language (in the `code`
 * column) so a program can find it; the number is in the `text` column, in milliseconds or percent.
 */
function figureRows(f: TalkFigures): Array<[string, number | null]> {
  return [
    ['teacher_pct', f.teacherPct],
    ...(f.coTeacherPct ? [['co_teacher_pct', f.coTeacherPct] as [string, number]] : []),
    ['student_pct', f.studentPct],
    ['other_pct', f.otherPct],
    ['silence_pct', f.silencePct],
    ['student_turns', f.studentTurns],
    ['wait_time_1_median_ms', f.waitTime1.medianMs],
    ['wait_time_2_median_ms', f.waitTime2.medianMs],
    ['longest_teacher_monologue_ms', f.longestTeacherMonologueMs],
  ];
}

function requireLabels(labels: TalkExportLabels | undefined): TalkExportLabels {
  // The core writes no words of its own: the UI names the bands in its language.
  if (!labels) throw new StudioError('invalid_input', { field: 'labels.talk' });
  return labels;
}

/** A band's name in the person's language; a co-teacher is the teacher when the UI gave no word for them. */
const wordFor = (labels: TalkExportLabels, label: TalkLabel) =>
  label === 'coteacher' ? (labels.coteacher ?? labels.teacher) : labels[label];

/**
 * The talk analysis as rows of the notes CSV (columns id, parent_id, start_ms, end_ms, kind, code,
 * author, private, created_at, text): a row per band, its kind the band's name in the person's
 * language and its code the label's fixed name, then a row per figure. All marked private (1), as
 * the analysis is.
 */
export function talkCsvRows(analysis: TalkAnalysis, labels: TalkExportLabels | undefined): CsvRow[] {
  const words = requireLabels(labels);
  const bands = analysis.segments.map((s) => ['', '', s.startMs, s.endMs, wordFor(words, s.label), s.label, '', 1, '', '']);
  const figures = analysis.figures
    ? figureRows(analysis.figures).map(([key, value]) => ['', '', '', '', words.figure, key, '', 1, '', value])
    : [];
  return [...bands, ...figures];
}

/**
 * The analysis as a WebVTT track of its own, beside the notes' captions: a cue per turn (a speaker's
 * segments with only short pauses between them), named teacher, student or other in the person's
 * language, so a player shows who speaks when. Cue ids are fixed (`talk-1`…), never translated.
 */
export function talkToVtt(analysis: TalkAnalysis, labels: TalkExportLabels): string {
  const cues = turnsOf(analysis.segments).map(
    (t, i) =>
      `talk-${i + 1}\n${timestamp(t.startMs)} --> ${timestamp(Math.max(t.endMs, t.startMs + 1))}\n${escape(wordFor(labels, t.label))}\n`,
  );
  return ['WEBVTT', '', ...cues].join('\n');
}

/** The track as a file named after the lesson; a lesson not analysed yet has no track to give. */
export function talkVttFile(ctx: Pick<CoreContext, 'db'>, lessonId: string, labels: TalkExportLabels) {
  const analysis = talkAnalysis(ctx, lessonId);
  if (analysis.status !== 'ready') throw new StudioError('talk_not_analysed', { lessonId });
  const title = getLessonRow(ctx.db, lessonId)?.title ?? '';
  return { fileName: fileName(title, 'vtt', 'talk'), mime: 'text/vtt', text: talkToVtt(analysis, labels) };
}
