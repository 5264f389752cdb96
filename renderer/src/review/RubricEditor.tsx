import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CRITERIA, MAX_LEVELS, type Criterion, type LocalizedText, type RubricContent } from '../../../common/review/rubric';
import { DraftNotice } from '../ui/DraftNotice';
import { useDraftText } from '../lib/draft-text';
import { errorMessage } from '../lib/errors';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import { rubricActions } from './actions';

type Draft = RubricContent;

const blank = (): Draft => ({
  code: '',
  title: {},
  description: null,
  scale: { levels: [1, 2, 3, 4].map((value) => ({ value, label: {} })), criteria: [{ code: '', label: {}, descriptors: {} }] },
});

/** Sets one language's text, dropping the language when the text is emptied. */
function withText(text: LocalizedText | null, language: string, value: string): LocalizedText {
  const next = { ...(text ?? {}) };
  if (value.trim()) next[language] = value;
  else delete next[language];
  return next;
}

/**
 * Writes or edits a community's rubric. Codes are the same in every language; the texts (title,
 * levels, criteria, descriptors) are edited one language at a time, so a rubric can carry several.
 */
export function RubricEditor({ id, communityId }: { id: string; communityId?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const [saved, setSaved] = useState<Draft | null>(id === 'new' ? blank() : null);
  // What is typed outlives this screen (leaving it, a reload): see draft-text.ts.
  const typed = useDraftText<Draft | null>(`rubric:${id}`, saved);
  const draft = typed.value;
  const setDraft = (next: Draft) => typed.set(next);
  const [community, setCommunity] = useState(communityId ?? '');
  // The person's own language is always offered, or the picker would show another one than the texts go to.
  const [languages, setLanguages] = useState<string[]>(() => [...new Set(['en', 'ar', i18n.language])]);
  const [language, setLanguage] = useState(i18n.language);
  const [newLanguage, setNewLanguage] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (id === 'new') return;
    rubricActions.get({ id }).then(
      (r) => {
        setSaved({ code: r.code, title: r.title, description: r.description, scale: r.scale });
        setCommunity(r.communityId ?? '');
        setLanguages((ls) => [...new Set([...ls, ...Object.keys(r.title)])]);
      },
      (err: unknown) => setError(errorMessage(t, err)),
    );
  }, [id, t]);

  if (!draft) return error ? <p className="error-text">{error}</p> : <p className="muted">{t('common.loading')}</p>;
  const { levels, criteria } = draft.scale;
  // While writing one language, the text already written in another shows as a guide.
  const hint = (text: LocalizedText | null | undefined) => Object.entries(text ?? {}).find(([l]) => l !== language)?.[1] ?? '';
  const setCriteria = (next: Criterion[]) => setDraft({ ...draft, scale: { ...draft.scale, criteria: next } });
  const setCriterion = (i: number, patch: Partial<Criterion>) => setCriteria(criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const setLevels = (count: number) => {
    const start = levels[0]?.value ?? 1;
    const next = Array.from({ length: count }, (_, i) => levels[i] ?? { value: start + i, label: {} });
    const keep = new Set(next.map((l) => String(l.value)));
    setDraft({
      ...draft,
      scale: {
        levels: next,
        criteria: criteria.map((c) => ({
          ...c,
          descriptors: Object.fromEntries(Object.entries(c.descriptors).filter(([k]) => keep.has(k))),
        })),
      },
    });
  };

  const save = async () => {
    setError(null);
    const value = draft;
    typed.saved();
    try {
      const description = draft.description && Object.keys(draft.description).length > 0 ? draft.description : null;
      await rubricActions.save({ communityId: community, ...(id !== 'new' ? { id } : {}), ...draft, description });
      typed.discard();
      toast('info', t('review.rubrics.saved'));
      go({ name: 'reviews', tab: 'rubrics' });
    } catch (err) {
      typed.set(value);
      setError(errorMessage(t, err));
    }
  };

  return (
    <section className="rubric-editor" aria-labelledby="rubric-editor-title">
      <div className="lesson-head">
        <button type="button" className="ghost" onClick={() => go({ name: 'reviews', tab: 'rubrics' })}>
          <span className="flip-rtl" aria-hidden="true">
            ←
          </span>{' '}
          {t('review.rubrics.back')}
        </button>
        <h1 id="rubric-editor-title">{t(id === 'new' ? 'review.editor.newTitle' : 'review.editor.editTitle')}</h1>
      </div>
      <DraftNotice draft={typed} />
      <div className="toolbar">
        <label className="inline-field">
          {t('review.editor.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <form
          className="inline-field"
          onSubmit={(e) => {
            e.preventDefault();
            const tag = newLanguage.trim();
            if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$/.test(tag)) return;
            setLanguages([...new Set([...languages, tag])]);
            setLanguage(tag);
            setNewLanguage('');
          }}
        >
          <input
            value={newLanguage}
            onChange={(e) => setNewLanguage(e.target.value)}
            placeholder="fr"
            aria-label={t('review.editor.newLanguage')}
            size={6}
          />
          <button type="submit" className="small">
            {t('review.editor.addLanguage')}
          </button>
        </form>
      </div>
      <div className="editor-grid">
        <label>
          {t('review.editor.code')}
          <input value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} dir="ltr" />
        </label>
        <label>
          {t('review.editor.title', { language })}
          <input
            value={draft.title[language] ?? ''}
            placeholder={hint(draft.title)}
            onChange={(e) => setDraft({ ...draft, title: withText(draft.title, language, e.target.value) })}
            dir="auto"
          />
        </label>
        <label className="wide">
          {t('review.editor.description', { language })}
          <textarea
            rows={2}
            value={draft.description?.[language] ?? ''}
            placeholder={hint(draft.description)}
            onChange={(e) => setDraft({ ...draft, description: withText(draft.description, language, e.target.value) })}
            dir="auto"
          />
        </label>
      </div>

      <fieldset className="editor-levels">
        <legend>{t('review.editor.levels')}</legend>
        <label className="inline-field">
          {t('review.editor.levelCount')}
          <input
            type="number"
            min={2}
            max={MAX_LEVELS}
            value={levels.length}
            onChange={(e) => setLevels(Math.min(MAX_LEVELS, Math.max(2, Number(e.target.value) || 2)))}
          />
        </label>
        {levels.map((level, i) => (
          <label key={level.value} className="inline-field">
            <span className="level-number">{level.value}</span>
            <input
              value={level.label[language] ?? ''}
              placeholder={hint(level.label)}
              aria-label={t('review.editor.levelLabel', { level: level.value, language })}
              dir="auto"
              onChange={(e) =>
                setDraft({
                  ...draft,
                  scale: {
                    ...draft.scale,
                    levels: levels.map((l, j) => (j === i ? { ...l, label: withText(l.label, language, e.target.value) } : l)),
                  },
                })
              }
            />
          </label>
        ))}
      </fieldset>

      {criteria.map((c, i) => (
        <fieldset key={i} className="editor-criterion">
          <legend>{t('review.editor.criterion', { number: i + 1 })}</legend>
          <div className="editor-grid">
            <label>
              {t('review.editor.criterionCode')}
              <input value={c.code} dir="ltr" onChange={(e) => setCriterion(i, { code: e.target.value })} />
            </label>
            <label>
              {t('review.editor.criterionLabel', { language })}
              <input
                value={c.label[language] ?? ''}
                placeholder={hint(c.label)}
                dir="auto"
                onChange={(e) => setCriterion(i, { label: withText(c.label, language, e.target.value) })}
              />
            </label>
          </div>
          {levels.map((level) => (
            <label key={level.value} className="descriptor">
              {t('review.editor.descriptor', { level: level.value, language })}
              <textarea
                rows={2}
                dir="auto"
                value={c.descriptors[String(level.value)]?.[language] ?? ''}
                placeholder={hint(c.descriptors[String(level.value)])}
                onChange={(e) => {
                  const text = withText(c.descriptors[String(level.value)] ?? null, language, e.target.value);
                  const descriptors = { ...c.descriptors, [String(level.value)]: text };
                  if (Object.keys(text).length === 0) delete descriptors[String(level.value)];
                  setCriterion(i, { descriptors });
                }}
              />
            </label>
          ))}
          <button
            type="button"
            className="small danger"
            disabled={criteria.length === 1}
            onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}
          >
            {t('review.editor.removeCriterion', { number: i + 1 })}
          </button>
        </fieldset>
      ))}
      <div className="toolbar">
        <button
          type="button"
          disabled={criteria.length >= MAX_CRITERIA}
          onClick={() => setCriteria([...criteria, { code: '', label: {}, descriptors: {} }])}
        >
          {t('review.editor.addCriterion')}
        </button>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => void save()} disabled={!community}>
          {t('review.editor.save')}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
