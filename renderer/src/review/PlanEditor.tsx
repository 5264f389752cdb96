import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_GOALS } from '../../../common/review/records';
import { localize } from '../../../common/review/rubric';
import type { LessonSummary } from '../../../common/schemas/lesson';
import type { Review, Rubric } from '../../../common/schemas/review';
import { DraftNotice } from '../ui/DraftNotice';
import { useDraftText } from '../lib/draft-text';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';
import { reviewActions } from './actions';
import { lessonActions } from '../library/actions';
import { TalkTargetField } from '../talk/TalkTargetField';
import type { TalkTarget } from '../../../common/schemas/talk';

interface GoalDraft {
  id?: string;
  text: string;
  criterion: string | null;
  talkTarget?: TalkTarget | null;
  met: boolean;
}

/** The teacher's action plan for one review: up to three next goals, and the lesson that comes next. */
export function PlanEditor({ review, rubric }: { review: Review; rubric: Rubric | null }) {
  const { t, i18n } = useTranslation();
  const toast = useToasts((s) => s.show);
  // Unsaved goals live outside this component: a sync that reloads the review must not wipe them.
  const draft = useDraftText<{ goals: GoalDraft[]; nextLessonId: string | null }>(`plan:${review.id}`, {
    goals: review.plan?.goals ?? [],
    nextLessonId: review.plan?.nextLessonId ?? null,
  });
  const { goals, nextLessonId } = draft.value;
  const setGoals = (next: GoalDraft[]) => draft.set({ goals: next, nextLessonId });
  const setNextLessonId = (next: string | null) => draft.set({ goals, nextLessonId: next });
  const [lessons, setLessons] = useState<LessonSummary[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    lessonActions.list({}).then(
      (r) => setLessons(r.items.filter((l) => l.id !== review.lessonId)),
      () => undefined,
    );
  }, [review.lessonId]);

  const put = (i: number, patch: Partial<GoalDraft>) => setGoals(goals.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const save = async () => {
    setSaving(true);
    // Marked before the call: the saved plan can come back (as an event) before the call answers.
    draft.saved();
    try {
      await reviewActions.savePlan({
        reviewId: review.id,
        goals: goals.filter((g) => g.text.trim()).map((g) => ({ ...g, text: g.text.trim() })),
        nextLessonId,
      });
      toast('info', t('review.plan.saved'));
    } catch (err) {
      draft.set(draft.value);
      toast('error', errorMessage(t, err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="plan-editor"
      aria-labelledby={`plan-${review.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4 id={`plan-${review.id}`}>{t('review.plan.title')}</h4>
      <DraftNotice draft={draft} />
      <ol className="goal-inputs">
        {goals.map((g, i) => (
          <li key={g.id ?? `new-${i}`}>
            <input
              value={g.text}
              dir="auto"
              maxLength={300}
              aria-label={t('review.plan.goalText', { number: i + 1 })}
              placeholder={t('review.plan.goalPlaceholder')}
              onChange={(e) => put(i, { text: e.target.value })}
            />
            {rubric && (
              <select
                value={g.criterion ?? ''}
                aria-label={t('review.plan.goalCriterion', { number: i + 1 })}
                onChange={(e) => put(i, { criterion: e.target.value || null })}
              >
                <option value="">{t('review.plan.anyCriterion')}</option>
                {rubric.scale.criteria.map((c) => (
                  <option key={c.code} value={c.code}>
                    {localize(c.label, i18n.language)}
                  </option>
                ))}
              </select>
            )}
            <TalkTargetField number={i + 1} value={g.talkTarget ?? null} onChange={(talkTarget) => put(i, { talkTarget })} />
            <label className="inline-field small-text">
              <input
                type="checkbox"
                checked={g.met}
                onChange={(e) => put(i, { met: e.target.checked })}
                aria-label={t('review.plan.goalMet', { number: i + 1 })}
              />
              {t('review.plan.met')}
            </label>
            <button
              type="button"
              className="icon-button"
              aria-label={t('review.plan.removeGoal', { number: i + 1 })}
              onClick={() => setGoals(goals.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="toolbar">
        <button
          type="button"
          className="small"
          disabled={goals.length >= MAX_GOALS}
          onClick={() => setGoals([...goals, { text: '', criterion: null, met: false }])}
        >
          {t('review.plan.addGoal')}
        </button>
        <label className="inline-field small-text">
          {t('review.plan.nextLesson')}
          <select value={nextLessonId ?? ''} onChange={(e) => setNextLessonId(e.target.value || null)}>
            <option value="">{t('review.plan.noNextLesson')}</option>
            {lessons.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <button type="submit" className="primary small" disabled={saving}>
          {t('review.plan.save')}
        </button>
      </div>
    </form>
  );
}
