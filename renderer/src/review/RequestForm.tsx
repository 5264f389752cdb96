import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOCUS_MAX } from '../../../common/review/records';
import type { Person } from '../../../common/schemas/review';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';
import { DueDateField } from './DueDateField';
import { deviceZone, dueMoment, dueParts } from './format';
import { reviewActions } from './actions';
import { RubricOptions } from './RubricOptions';
import { useOwnRubrics } from './useOwnRubrics';

const WEEK = 7 * 24 * 60 * 60 * 1000;

/**
 * Asking for feedback on a shared lesson: chosen mentors (or any), a focus question, a rubric of the
 * community, and a due date entered in this device's time zone (which travels with it).
 */
export function RequestForm({
  lessonId,
  communityId,
  mentors,
  onDone,
}: {
  lessonId: string;
  communityId: string;
  mentors: Person[];
  onDone(): void;
}) {
  const { t } = useTranslation();
  const toast = useToasts((s) => s.show);
  const { rubrics, rubricId, setRubricId } = useOwnRubrics(communityId);
  const [chosen, setChosen] = useState<string[]>([]);
  const [focus, setFocus] = useState('');
  const [dueAt, setDueAt] = useState<number | null>(() => dueMoment({ ...dueParts(Date.now() + WEEK), minutes: 17 * 60 }));
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    try {
      await reviewActions.request({
        lessonId,
        mentorIds: chosen,
        focus: focus.trim(),
        rubricId: rubricId || null,
        dueAt,
        dueZone: dueAt === null ? null : deviceZone(),
      });
      toast('info', t('review.request.sent'));
      onDone();
    } catch (err) {
      toast('error', errorMessage(t, err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="request-form"
      aria-labelledby="request-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id="request-form-title">{t('review.request.title')}</h3>
      <label className="stacked">
        {t('review.request.focus')}
        <textarea
          dir="auto"
          rows={2}
          maxLength={FOCUS_MAX}
          value={focus}
          placeholder={t('review.request.focusPlaceholder')}
          onChange={(e) => setFocus(e.target.value)}
        />
      </label>
      <fieldset>
        <legend>{t('review.request.mentors')}</legend>
        {mentors.length === 0 && <p className="muted small-text">{t('review.request.noMentors')}</p>}
        {mentors.map((m) => (
          <label key={m.id} className="inline-field">
            <input
              type="checkbox"
              checked={chosen.includes(m.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, m.id] : chosen.filter((id) => id !== m.id))}
            />
            {m.name || t('review.someone')}
          </label>
        ))}
        <p className="muted small-text">
          {chosen.length === 0 ? t('review.request.anyMentorHint') : t('review.request.chosenHint', { count: chosen.length })}
        </p>
      </fieldset>
      <div className="editor-grid">
        <label>
          {t('review.request.rubric')}
          <select value={rubricId} onChange={(e) => setRubricId(e.target.value)}>
            <option value="">{t('review.noRubric')}</option>
            <RubricOptions rubrics={rubrics} />
          </select>
        </label>
        <DueDateField legend={t('review.request.due', { zone: deviceZone() })} value={dueAt} onChange={setDueAt} />
      </div>
      <div className="composer-actions">
        <button type="button" onClick={onDone}>
          {t('notes.cancel')}
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {t('review.request.send')}
        </button>
      </div>
    </form>
  );
}
