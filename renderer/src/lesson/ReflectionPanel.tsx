import { useEffect, useState } from 'react';
import { useDraftText } from '../lib/draft-text';
import { DraftNotice } from '../ui/DraftNotice';
import { useTranslation } from 'react-i18next';
import type { Reflection } from '../../../common/schemas/reflection';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';
import { useToasts } from '../store/toasts';
import { reflectionActions } from './actions';

const prompts = ['wentWell', 'wouldChange', 'feedbackWanted'] as const;

/** The teacher's guided reflection on the lesson; private unless they choose to share it. */
export function ReflectionPanel({ lessonId }: { lessonId: string }) {
  const { t, i18n } = useTranslation();
  const toast = useToasts((s) => s.show);
  const [saved, setSaved] = useState<Reflection | null>(null);
  // What is typed outlives this panel (switching tabs, a reload): see draft-text.ts.
  const draft = useDraftText<Reflection | null>(`reflection:${lessonId}`, saved);
  const form = draft.value;
  const [justSaved, setJustSaved] = useState(false);

  useEffect(() => {
    let live = true;
    reflectionActions
      .get({ lessonId })
      .then((r) => {
        if (!live) return;
        setSaved(r);
      })
      .catch((err: unknown) => toast('error', errorMessage(t, err)));
    return () => {
      live = false;
    };
  }, [lessonId, t, toast]);

  if (!form) return <p className="muted">{t('common.loading')}</p>;
  const changed = draft.dirty;
  const edit = (next: Reflection) => {
    draft.set(next);
    setJustSaved(false);
  };
  return (
    <form
      className="reflection"
      aria-labelledby="reflection-title"
      onSubmit={(e) => {
        e.preventDefault();
        const { wentWell, wouldChange, feedbackWanted, shared } = form;
        draft.saved();
        reflectionActions
          .save({ lessonId, wentWell, wouldChange, feedbackWanted, shared })
          .then((r) => {
            setSaved(r);
            setJustSaved(true);
          })
          .catch((err: unknown) => {
            draft.set(form);
            toast('error', errorMessage(t, err));
          });
      }}
    >
      <h2 id="reflection-title">{t('reflection.title')}</h2>
      <DraftNotice draft={draft} />
      <p className="muted small-text">{t('reflection.intro')}</p>
      {prompts.map((p) => (
        <label key={p} className="field">
          <span>{t(`reflection.${p}`)}</span>
          <textarea rows={3} dir="auto" maxLength={10_000} value={form[p]} onChange={(e) => edit({ ...form, [p]: e.target.value })} />
        </label>
      ))}
      <label className="inline-field">
        <input type="checkbox" checked={form.shared} onChange={(e) => edit({ ...form, shared: e.target.checked })} />
        {t('reflection.share')}
      </label>
      <p className="muted small-text">{form.shared ? t('reflection.sharedNote') : t('reflection.privateNote')}</p>
      <div className="composer-actions">
        {saved?.updatedAt && (
          <span className="muted small-text">{t('reflection.savedAt', { date: formatDate(saved.updatedAt, i18n.language) })}</span>
        )}
        <span className="spacer" />
        {/* Said beside the button, not in a toast: a toast in that corner would cover the button itself. */}
        <span role="status" className="saved-note">
          {justSaved && t('reflection.saved')}
        </span>
        <button type="submit" className="primary" disabled={!changed}>
          {t('reflection.save')}
        </button>
      </div>
    </form>
  );
}
