import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../common/review/records';
import { localize } from '../../../common/review/rubric';
import type { Note } from '../../../common/schemas/note';
import type { Review, Rubric } from '../../../common/schemas/review';
import { NoteComposer } from '../lesson/NoteComposer';
import { isDrafting, useDraftTexts } from '../lib/draft-text';
import { errorMessage } from '../lib/errors';
import { excerpt } from '../lib/excerpt';
import { formatTimecode } from '../lib/format';
import { useLesson } from '../store/lesson';
import { usePlayback } from '../store/playback';
import { useToasts } from '../store/toasts';
import { formatWhen, isolate } from './format';
import { PlanEditor } from './PlanEditor';
import { reviewActions } from './actions';

interface Props {
  review: Review;
  rubric: Rubric | null;
  /** The teacher who asked: they reply, mark notes acted on and write the action plan. */
  asTeacher: boolean;
  onAmend?: () => void;
}

/** A submitted review: scores with their evidence, strengths, next steps, and its glow and grow notes. */
export function ReviewView({ review, rubric, asTeacher, onAmend }: Props) {
  const { t, i18n } = useTranslation();
  const notes = useLesson((s) => s.notes);
  const addNote = useLesson((s) => s.addNote);
  const seek = usePlayback((s) => s.seek);
  const toast = useToasts((s) => s.show);
  const [replyingTo, setReplyingTo] = useState<string | null>(null);
  // A reply with unsaved text stays open when a sync remounts this review (the text itself is kept in draft-text.ts).
  const drafted = useDraftTexts((s) =>
    Object.keys(s.entries)
      .filter((k) => k.startsWith('reply:') && isDrafting(s.entries, k))
      .join('\n'),
  );
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  const language = i18n.language;
  const fmt = (ms: number) => formatTimecode(ms, language);
  const name = isolate(review.reviewer.name || t('review.someone'));
  const reviewNotes = review.noteIds.flatMap((id) => notes.filter((n) => n.id === id));
  const repliesOf = (id: string) => notes.filter((n) => n.parentId === id);
  // Ticked at once; the plan that comes back from the core (and the hub) then agrees.
  const [actedOn, setActedOn] = useState(() => new Set(review.plan?.actedOn ?? []));
  useEffect(() => setActedOn(new Set(review.plan?.actedOn ?? [])), [review.plan]);
  const markActed = (noteId: string, acted: boolean) => {
    const next = new Set(actedOn);
    if (acted) next.add(noteId);
    else next.delete(noteId);
    setActedOn(next);
    reviewActions.actOn({ reviewId: review.id, noteId, actedOn: acted }).catch((err: unknown) => {
      setActedOn(actedOn);
      fail(err);
    });
  };
  const evidenceAt = (e: Evidence) => (e.kind === 'moment' ? e.atMs : (notes.find((n) => n.id === e.noteId)?.startMs ?? 0));
  const criterionName = (code: string) => localize(rubric?.scale.criteria.find((c) => c.code === code)?.label, language) || code;
  const levelName = (value: number) => localize(rubric?.scale.levels.find((l) => l.value === value)?.label, language);

  // Two notes at the same second must not share their controls' names: a few of the note's words tell them apart.
  const named = (n: Note) => ({ time: fmt(n.startMs), text: excerpt(n.text || t(n.kind === 'praise' ? 'review.glow' : 'review.grow')) });

  const noteRow = (n: Note) => (
    <li key={n.id} className={`feedback-note feedback-${n.kind}`} data-note-id={n.id}>
      <div className="feedback-note-head">
        <button
          type="button"
          className="note-seek"
          onClick={() => seek(n.startMs)}
          aria-label={t('notes.seekTo', { time: fmt(n.startMs), text: n.text.slice(0, 80) })}
        >
          <span className="timecode">
            {n.endMs === null ? fmt(n.startMs) : t('notes.range', { start: fmt(n.startMs), end: fmt(n.endMs) })}
          </span>
          <span className={`kind-badge kind-${n.kind}`}>{t(n.kind === 'praise' ? 'review.glow' : 'review.grow')}</span>
        </button>
        {asTeacher && (
          <label className="inline-field small-text">
            <input
              type="checkbox"
              checked={actedOn.has(n.id)}
              onChange={(e) => markActed(n.id, e.target.checked)}
              aria-label={t('review.view.actedOnFor', named(n))}
            />
            {t('review.view.actedOn')}
          </label>
        )}
        {!asTeacher && actedOn.has(n.id) && <span className="pill pill-done">{t('review.view.actedOn')}</span>}
      </div>
      <p className="note-text" dir="auto">
        {n.text}
      </p>
      <ol className="replies" aria-label={t('notes.replies', { time: fmt(n.startMs) })}>
        {repliesOf(n.id).map((r) => (
          <li key={r.id} className="reply">
            <p className="note-text" dir="auto">
              {r.text}
            </p>
            <span className="muted small-text">{r.authorName || (r.authorId === null ? t('review.view.you') : t('review.someone'))}</span>
          </li>
        ))}
      </ol>
      {replyingTo === n.id || drafted.split('\n').includes(`reply:${n.id}`) ? (
        <NoteComposer
          reply
          draftKey={`reply:${n.id}`}
          draft={{ startMs: n.startMs, endMs: n.endMs, text: '', kind: n.kind, codeId: null }}
          label={t('notes.replyTo', { time: fmt(n.startMs) })}
          onCancel={() => setReplyingTo(null)}
          onSave={async (d) => {
            try {
              await addNote({ parentId: n.id, startMs: n.startMs, text: d.text, kind: n.kind });
              setReplyingTo(null);
            } catch (err) {
              fail(err);
              throw err;
            }
          }}
        />
      ) : (
        <div className="note-actions">
          <button type="button" className="small ghost" onClick={() => setReplyingTo(n.id)} aria-label={t('notes.replyToOf', named(n))}>
            {t('notes.reply')}
          </button>
        </div>
      )}
    </li>
  );

  return (
    <article className="review-box" aria-labelledby={`review-${review.id}`}>
      <div className="panel-head">
        <h3 id={`review-${review.id}`}>{t('review.view.title', { name })}</h3>
        <span className="muted small-text">
          {review.submittedAt !== null && t('review.view.submittedOn', { date: isolate(formatWhen(review.submittedAt, language)) })}
          {review.version > 1 && ` · ${t('review.view.amended', { count: review.version - 1 })}`}
        </span>
      </div>
      {review.scores.length > 0 && (
        <table className="score-table">
          <caption className="visually-hidden">{t('review.view.scoresOf', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.view.criterion')}</th>
              <th scope="col">{t('review.view.level')}</th>
              <th scope="col">{t('review.view.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {review.scores.map((s) => (
              <tr key={s.criterion}>
                <th scope="row" dir="auto">
                  {criterionName(s.criterion)}
                </th>
                <td>
                  <span className="level-number">{new Intl.NumberFormat(language).format(s.level)}</span> {levelName(s.level)}
                </td>
                <td>
                  {s.evidence.map((e, i) => (
                    <button
                      key={i}
                      type="button"
                      className="small ghost"
                      onClick={() => seek(evidenceAt(e))}
                      aria-label={t('review.view.evidenceAt', { criterion: criterionName(s.criterion), time: fmt(evidenceAt(e)) })}
                    >
                      {fmt(evidenceAt(e))}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {review.strengths && (
        <>
          <h4>{t('review.strengths')}</h4>
          <p className="note-text" dir="auto">
            {review.strengths}
          </p>
        </>
      )}
      {review.nextSteps && (
        <>
          <h4>{t('review.nextSteps')}</h4>
          <p className="note-text" dir="auto">
            {review.nextSteps}
          </p>
        </>
      )}
      {reviewNotes.length > 0 && (
        <>
          <h4>{t('review.view.notes', { count: reviewNotes.length })}</h4>
          <ol className="feedback-notes">{reviewNotes.map(noteRow)}</ol>
        </>
      )}
      {review.history.length > 0 && (
        <details className="history">
          <summary>{t('review.view.earlier', { count: review.history.length })}</summary>
          <ol>
            {review.history.map((h) => (
              <li key={h.version}>
                <p className="muted small-text">
                  {t('review.view.version', { version: h.version, date: isolate(formatWhen(h.submittedAt, language)) })}
                </p>
                <p className="small-text">{h.scores.map((s) => `${criterionName(s.criterion)}: ${s.level}`).join(' · ')}</p>
                {h.strengths && (
                  <p className="note-text small-text" dir="auto">
                    {h.strengths}
                  </p>
                )}
                {h.nextSteps && (
                  <p className="note-text small-text" dir="auto">
                    {h.nextSteps}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
      {asTeacher && <PlanEditor review={review} rubric={rubric} />}
      {!asTeacher && review.plan && review.plan.goals.length > 0 && (
        <>
          <h4>{t('review.plan.title')}</h4>
          <ul className="goal-list">
            {review.plan.goals.map((g) => (
              <li key={g.id} className={g.met ? 'goal-met' : undefined}>
                <span aria-hidden="true">{g.met ? '✓' : '○'}</span> <span dir="auto">{g.text}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {review.mine && onAmend && (
        <div className="toolbar">
          <span className="spacer" />
          <button type="button" className="small" onClick={onAmend}>
            {t('review.view.amend')}
          </button>
        </div>
      )}
    </article>
  );
}
