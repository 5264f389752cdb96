import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../common/review/records';
import { localize, type RubricScale } from '../../../common/review/rubric';
import type { Note } from '../../../common/schemas/note';
import { formatTimecode } from '../lib/format';
import { usePlayback } from '../store/playback';

export interface ScoreValue {
  criterion: string;
  level: number;
  evidence?: Evidence[];
}

interface Props {
  scale: RubricScale;
  scores: ScoreValue[];
  onChange(scores: ScoreValue[]): void;
  /** Notes that can be linked as evidence; without them (calibration) there is no evidence to link. */
  evidenceNotes?: Note[];
  disabled?: boolean;
  /** Distinguishes the radio groups when two scorers share a page. */
  idPrefix: string;
}

/**
 * Scores each criterion with one level (radio buttons, each described by the rubric's descriptor) and,
 * for a review, links evidence to it: one of the review's notes, or the moment the video is at.
 */
export function RubricScorer({ scale, scores, onChange, evidenceNotes, disabled = false, idPrefix }: Props) {
  const { t, i18n } = useTranslation();
  const seek = usePlayback((s) => s.seek);
  const language = i18n.language;
  const scoreOf = (code: string) => scores.find((s) => s.criterion === code);
  const put = (code: string, patch: Partial<ScoreValue>) => {
    const current = scoreOf(code);
    const next = {
      criterion: code,
      level: current?.level ?? patch.level!,
      ...(evidenceNotes ? { evidence: current?.evidence ?? [] } : {}),
      ...patch,
    };
    onChange(current ? scores.map((s) => (s.criterion === code ? next : s)) : [...scores, next]);
  };
  const noteById = new Map((evidenceNotes ?? []).map((n) => [n.id, n]));
  const evidenceLabel = (e: Evidence) => {
    if (e.kind === 'moment') return t('review.scorer.moment', { time: formatTimecode(e.atMs, language) });
    const note = noteById.get(e.noteId);
    return note
      ? t('review.scorer.noteAt', { time: formatTimecode(note.startMs, language), text: note.text.slice(0, 40) })
      : t('review.scorer.noteGone');
  };
  const evidenceAt = (e: Evidence) => (e.kind === 'moment' ? e.atMs : (noteById.get(e.noteId)?.startMs ?? 0));

  return (
    <div className="scorer">
      {scale.criteria.map((c) => {
        const score = scoreOf(c.code);
        const name = localize(c.label, language);
        const groupId = `${idPrefix}-${c.code}`;
        return (
          <fieldset key={c.code} className="scorer-criterion" disabled={disabled}>
            <legend id={groupId} dir="auto">
              {name}
            </legend>
            <div className="scorer-levels" role="radiogroup" aria-labelledby={groupId}>
              {scale.levels.map((level) => {
                const descriptor = localize(c.descriptors[String(level.value)], language);
                const inputId = `${groupId}-${level.value}`;
                return (
                  <label key={level.value} className={`scorer-level${score?.level === level.value ? ' chosen' : ''}`} htmlFor={inputId}>
                    <input
                      type="radio"
                      id={inputId}
                      name={groupId}
                      checked={score?.level === level.value}
                      onChange={() => put(c.code, { level: level.value })}
                      aria-label={t('review.scorer.levelFor', {
                        criterion: name,
                        level: level.value,
                        name: localize(level.label, language),
                      })}
                      aria-describedby={descriptor ? `${inputId}-d` : undefined}
                    />
                    <span className="level-number">{new Intl.NumberFormat(language).format(level.value)}</span>
                    <span className="level-name">{localize(level.label, language)}</span>
                    {descriptor && (
                      <span id={`${inputId}-d`} className="level-descriptor" dir="auto">
                        {descriptor}
                      </span>
                    )}
                  </label>
                );
              })}
            </div>
            {evidenceNotes && score && (
              <div className="evidence">
                <span className="muted small-text">{t('review.scorer.evidence')}</span>
                <ul className="evidence-list">
                  {(score.evidence ?? []).map((e, i) => (
                    <li key={i} className="chip">
                      <button type="button" className="link" onClick={() => seek(evidenceAt(e))}>
                        {evidenceLabel(e)}
                      </button>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={t('review.scorer.unlink', { evidence: evidenceLabel(e), criterion: name })}
                        onClick={() => put(c.code, { evidence: (score.evidence ?? []).filter((_, j) => j !== i) })}
                      >
                        ×
                      </button>
                    </li>
                  ))}
                </ul>
                <select
                  value=""
                  aria-label={t('review.scorer.link', { criterion: name })}
                  onChange={(e) => {
                    const value = e.target.value;
                    if (!value) return;
                    const evidence: Evidence =
                      value === 'moment' ? { kind: 'moment', atMs: usePlayback.getState().nowMs() } : { kind: 'note', noteId: value };
                    put(c.code, { evidence: [...(score.evidence ?? []), evidence] });
                  }}
                >
                  <option value="">{t('review.scorer.linkPrompt')}</option>
                  <option value="moment">{t('review.scorer.linkMoment')}</option>
                  {evidenceNotes.map((n) => (
                    <option key={n.id} value={n.id}>
                      {t('review.scorer.noteAt', { time: formatTimecode(n.startMs, language), text: n.text.slice(0, 40) })}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </fieldset>
        );
      })}
    </div>
  );
}
