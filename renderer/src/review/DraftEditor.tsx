import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Score } from '../../../common/review/records';
import type { Draft, ReviewRequest, Rubric } from '../../../common/schemas/review';
import { DraftNotice } from '../ui/DraftNotice';
import { useDraftText } from '../lib/draft-text';
import { errorMessage } from '../lib/errors';
import { formatTimecode } from '../lib/format';
import { useLesson } from '../store/lesson';
import { usePlayback } from '../store/playback';
import { useToasts } from '../store/toasts';
import { GlowGrow } from './GlowGrow';
import { isolate } from './format';
import { RubricScorer } from './RubricScorer';
import { askConfirm } from '../store/confirm';
import { reviewActions } from './actions';
import { noteActions } from '../lesson/actions';

interface Props {
  draft: Draft;
  request: ReviewRequest;
  rubric: Rubric | null;
  onChanged(draft: Draft | null): void;
}

/** Reloads the lesson's notes after the review added one, so the notes panel and timeline show it. */
async function reloadNotes(lessonId: string): Promise<void> {
  if (useLesson.getState().lesson?.id === lessonId) useLesson.setState({ notes: await noteActions.list({ lessonId }) });
}

/**
 * The mentor's review in progress. Everything saves to this device as it is typed or chosen (offline
 * too); nothing travels until Submit. A refused submission comes back here with the hub's reason.
 */
export function DraftEditor({ draft, request, rubric, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const notes = useLesson((s) => s.notes);
  const seek = usePlayback((s) => s.seek);
  const toast = useToasts((s) => s.show);
  // What the person types is the truth while the draft is open: neither saves answering later nor a sync
  // reloading the draft may overwrite it (the texts are kept outside this component, see draft-text.ts).
  const texts = useDraftText(`review-draft:${draft.id}:${draft.baseVersion}`, { strengths: draft.strengths, nextSteps: draft.nextSteps });
  const { strengths, nextSteps } = texts.value;
  const setStrengths = (next: string) => texts.set({ strengths: next, nextSteps });
  const setNextSteps = (next: string) => texts.set({ strengths, nextSteps: next });
  const [scores, setScores] = useState<Score[]>(draft.scores);
  const [busy, setBusy] = useState(false);
  // Only another draft (an amendment opened, a refusal brought back) resets the scores.
  useEffect(() => {
    setScores(draft.scores);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft.id, draft.baseVersion, draft.state]);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));

  const sent = draft.state === 'sent';
  const draftNotes = draft.noteIds.flatMap((id) => notes.filter((n) => n.id === id));
  const unscored = rubric ? rubric.scale.criteria.filter((c) => !scores.some((s) => s.criterion === c.code)).length : 0;
  const save = (patch: { scores?: Score[]; strengths?: string; nextSteps?: string }) => {
    const typed = 'strengths' in patch || 'nextSteps' in patch;
    if (typed) texts.saved();
    return reviewActions.saveDraft({ id: draft.id, ...patch }).then(onChanged, (err: unknown) => {
      if (typed) texts.set(texts.value);
      fail(err);
    });
  };

  return (
    <section className="review-box draft" aria-labelledby="draft-title">
      <div className="panel-head">
        <h2 id="draft-title">
          {t(draft.baseVersion > 0 ? 'review.draft.amendTitle' : 'review.draft.title', {
            name: isolate(request.requester.name || t('review.someone')),
          })}
        </h2>
        <span className={`pill draft-${draft.state}`} role="status">
          {t(`review.draft.state.${draft.state}`)}
        </span>
      </div>
      {draft.state === 'rejected' && draft.rejection && (
        <p className="banner banner-error" role="alert">
          {t('review.draft.rejected', { reason: t(`errors.${draft.rejection.code}`, draft.rejection.params) })}
        </p>
      )}
      {request.focus && (
        <p className="focus">
          <span className="focus-label">{t('review.focus')}</span> <bdi>{request.focus}</bdi>
        </p>
      )}
      <p className="muted small-text">{t('review.draft.private')}</p>

      <h3>{t('review.draft.notes', { count: draftNotes.length })}</h3>
      <GlowGrow
        disabled={sent}
        onAdd={async (note) => {
          try {
            onChanged(await reviewActions.addNote({ id: draft.id, ...note }));
            await reloadNotes(draft.lessonId);
          } catch (err) {
            fail(err);
          }
        }}
      />
      <ol className="feedback-notes">
        {draftNotes.map((n) => (
          <li key={n.id} className={`feedback-note feedback-${n.kind}`}>
            <button
              type="button"
              className="note-seek"
              onClick={() => seek(n.startMs)}
              aria-label={t('notes.seekTo', { time: formatTimecode(n.startMs, i18n.language), text: n.text.slice(0, 80) })}
            >
              <span className="timecode">{formatTimecode(n.startMs, i18n.language)}</span>
              <span className={`kind-badge kind-${n.kind}`}>{t(n.kind === 'praise' ? 'review.glow' : 'review.grow')}</span>
            </button>
            <span dir="auto">{n.text}</span>
          </li>
        ))}
      </ol>

      {rubric && (
        <>
          <h3>{t('review.draft.scores')}</h3>
          <RubricScorer
            idPrefix={`draft-${draft.id}`}
            scale={rubric.scale}
            scores={scores}
            evidenceNotes={draftNotes}
            disabled={sent}
            onChange={(next) => {
              setScores(next as Score[]);
              void save({ scores: next as Score[] });
            }}
          />
        </>
      )}

      <DraftNotice draft={texts} />
      <label className="stacked">
        {t('review.strengths')}
        <textarea
          dir="auto"
          rows={3}
          value={strengths}
          disabled={sent}
          onChange={(e) => setStrengths(e.target.value)}
          onBlur={() => strengths !== draft.strengths && void save({ strengths })}
        />
      </label>
      <label className="stacked">
        {t('review.nextSteps')}
        <textarea
          dir="auto"
          rows={3}
          value={nextSteps}
          disabled={sent}
          onChange={(e) => setNextSteps(e.target.value)}
          onBlur={() => nextSteps !== draft.nextSteps && void save({ nextSteps })}
        />
      </label>

      <div className="toolbar">
        {unscored > 0 && <span className="muted small-text">{t('review.draft.unscored', { count: unscored })}</span>}
        <span className="spacer" />
        {!sent && (
          <button
            type="button"
            className="small danger"
            onClick={async () => {
              const amending = draft.baseVersion > 0;
              const confirmed = await askConfirm({
                message: t(amending ? 'review.draft.confirmDiscardAmend' : 'review.draft.confirmGiveBack'),
                confirmLabel: t(amending ? 'review.draft.discardAmend' : 'review.draft.giveBack'),
              });
              if (!confirmed) return;
              reviewActions.discard({ id: draft.id }).then(() => onChanged(null), fail);
            }}
          >
            {t(draft.baseVersion > 0 ? 'review.draft.discardAmend' : 'review.draft.giveBack')}
          </button>
        )}
        <button
          type="button"
          className="primary"
          disabled={sent || busy || unscored > 0}
          onClick={async () => {
            setBusy(true);
            try {
              // Texts being typed are saved first, so the submission carries them.
              texts.saved();
              const latest = await reviewActions.saveDraft({ id: draft.id, scores, strengths, nextSteps });
              await reviewActions.submit({ id: latest.id });
              await reloadNotes(draft.lessonId);
              toast('info', t('review.draft.submitted'));
            } catch (err) {
              texts.set(texts.value);
              fail(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          {t(draft.baseVersion > 0 ? 'review.draft.submitAmend' : 'review.draft.submit')}
        </button>
      </div>
    </section>
  );
}
