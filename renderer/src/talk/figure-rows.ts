import type { TFunction } from 'i18next';
import type { TalkFigures } from '../../../common/schemas/talk';
import { formatPercent, formatTimecode } from '../lib/format';

/** A duration in seconds, one decimal, in the UI's language; a dash when there is none. */
export const formatSeconds = (ms: number | null, language: string) =>
  ms === null ? '—' : new Intl.NumberFormat(language, { style: 'unit', unit: 'second', maximumFractionDigits: 1 }).format(ms / 1000);

export type FigureKey = 'teacher' | 'coteacher' | 'student' | 'other' | 'silence' | 'turns' | 'wait1' | 'wait2' | 'monologue';

/**
 * Each figure of the summary: its key, its value as the UI writes it, and the sentence that explains
 * it. With two adults, teacher talk is both adults' and the co-teacher's part follows it.
 */
export function figureRows(
  t: TFunction,
  f: TalkFigures,
  lang: string,
  twoAdults = false,
): Array<[key: FigureKey, value: string, explain: string]> {
  const pct = (v: number) => formatPercent(v / 100, lang);
  const coTeacher: Array<[FigureKey, string, string]> = twoAdults
    ? [['coteacher', pct(f.coTeacherPct ?? 0), t('talk.explain.coteacher')]]
    : [];
  return [
    ['teacher', pct(f.teacherPct), t(twoAdults ? 'talk.explain.teacherTwoAdults' : 'talk.explain.teacher')],
    ...coTeacher,
    ['student', pct(f.studentPct), t('talk.explain.student')],
    ['other', pct(f.otherPct), t('talk.explain.other')],
    ['silence', pct(f.silencePct), t('talk.explain.silence')],
    ['turns', new Intl.NumberFormat(lang).format(f.studentTurns), t('talk.explain.turns', { count: f.studentTurns })],
    ['wait1', formatSeconds(f.waitTime1.medianMs, lang), t('talk.explain.wait1')],
    ['wait2', formatSeconds(f.waitTime2.medianMs, lang), t('talk.explain.wait2')],
    ['monologue', formatTimecode(f.longestTeacherMonologueMs, lang), t('talk.explain.monologue')],
  ];
}
