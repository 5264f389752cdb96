import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../../common/schemas/lesson';
import { useDraftText } from '../lib/draft-text';
import { errorMessage } from '../lib/errors';
import { useLesson } from '../store/lesson';
import { useToasts } from '../store/toasts';
import { DraftNotice } from '../ui/DraftNotice';

export function DetailsForm({ lesson }: { lesson: Lesson }) {
  const { t } = useTranslation();
  const save = useLesson((s) => s.save);
  const toast = useToasts((s) => s.show);
  // A lesson from someone else's share keeps the details its owner wrote.
  const readOnly = lesson.origin === 'archive' || (lesson.shared?.origin === 'hub' && !lesson.shared.mine);
  // What is typed outlives this form (switching tabs, a sync that reloads the lesson): see draft-text.ts.
  const draft = useDraftText(`lesson-details:${lesson.id}`, {
    title: lesson.title,
    subject: lesson.subject,
    grade: lesson.grade,
    language: lesson.language,
    tags: lesson.tags.join(', '),
    description: lesson.description,
  });
  const form = draft.value;
  const setForm = draft.set;
  const field = (key: keyof typeof form) => ({
    value: form[key],
    dir: 'auto' as const,
    readOnly,
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  return (
    <form
      className="details-form"
      onSubmit={(e) => {
        e.preventDefault();
        const tags = form.tags
          .split(/[,،]/)
          .map((s) => s.trim())
          .filter(Boolean);
        draft.saved();
        save({ ...form, title: form.title.trim() || lesson.title, tags })
          .then(() => {
            draft.discard();
            toast('info', t('details.saved'));
          })
          .catch((err: unknown) => {
            draft.set(form);
            toast('error', errorMessage(t, err));
          });
      }}
    >
      <DraftNotice draft={draft} />
      <label>
        <span>{t('details.title')}</span>
        <input {...field('title')} required maxLength={200} />
      </label>
      <div className="field-row">
        <label>
          <span>{t('details.subject')}</span>
          <input {...field('subject')} maxLength={200} />
        </label>
        <label>
          <span>{t('details.grade')}</span>
          <input {...field('grade')} maxLength={200} />
        </label>
        <label>
          <span>{t('details.language')}</span>
          <input {...field('language')} maxLength={35} />
        </label>
      </div>
      <label>
        <span>{t('details.tags')}</span>
        <input {...field('tags')} aria-describedby="tags-hint" />
        <small id="tags-hint" className="muted">
          {t('details.tagsHint')}
        </small>
      </label>
      <label>
        <span>{t('details.description')}</span>
        <textarea {...field('description')} rows={4} maxLength={10_000} />
      </label>
      <button type="submit" className="primary" disabled={readOnly}>
        {t('details.save')}
      </button>
    </form>
  );
}
