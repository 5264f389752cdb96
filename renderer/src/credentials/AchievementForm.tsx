import { useTranslation } from 'react-i18next';
import type { Achievement } from '../../../common/credentials/calls';
import type { AchievementText } from '../../../common/credentials/records';
import type { AchievementRule } from '../../../common/credentials/rules';
import { errorMessage } from '../lib/errors';
import { useDraftText } from '../lib/draft-text';
import { useToasts } from '../store/toasts';
import { credentialActions } from './actions';

type RuleKind = 'none' | AchievementRule['kind'];
interface Form {
  texts: Record<string, AchievementText>;
  image: string | null;
  rule: AchievementRule | null;
}

const MAX_IMAGE_BYTES = 48 * 1024;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const blank: AchievementText = { name: '', description: '', criteria: '' };
const complete = (t: AchievementText | undefined) => !!t && t.name.trim() !== '' && t.description.trim() !== '' && t.criteria.trim() !== '';

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/**
 * A lead defines an achievement, or edits one: its name, description and criteria in each of the
 * community's languages (at least one), a small image and an optional rule. What is typed is kept as
 * a draft, so a sync that reloads the screen never loses it.
 */
export function AchievementForm(props: { communityId: string; languages: string[]; editing: Achievement | null; onDone: () => void }) {
  const { communityId, editing, onDone } = props;
  const { t, i18n } = useTranslation();
  const toast = useToasts((s) => s.show);
  const languages = [...new Set([...(props.languages.length ? props.languages : [i18n.language]), ...Object.keys(editing?.texts ?? {})])];
  const saved: Form = { texts: editing?.texts ?? {}, image: editing?.image ?? null, rule: editing?.rule ?? null };
  const draft = useDraftText<Form>(`achievement:${editing?.id ?? `new:${communityId}`}`, saved);
  const form = draft.value;
  const setText = (language: string, field: keyof AchievementText, value: string) =>
    draft.set({ ...form, texts: { ...form.texts, [language]: { ...(form.texts[language] ?? blank), [field]: value } } });
  const ruleKind: RuleKind = form.rule?.kind ?? 'none';
  const setRule = (kind: RuleKind, count = form.rule?.count ?? 3) => draft.set({ ...form, rule: kind === 'none' ? null : { kind, count } });
  const languageName = (l: string) => new Intl.DisplayNames([i18n.language], { type: 'language' }).of(l) ?? l;
  const texts = Object.fromEntries(Object.entries(form.texts).filter(([, text]) => complete(text)));
  const ready = Object.keys(texts).length > 0;

  const pickImage = async (file: File | undefined) => {
    if (!file) return;
    if (!IMAGE_TYPES.includes(file.type)) return toast('error', t('errors.achievement_image_invalid'));
    if (file.size > MAX_IMAGE_BYTES) return toast('error', t('errors.achievement_image_too_large'));
    draft.set({ ...form, image: await readDataUrl(file) });
  };
  const save = () =>
    credentialActions.saveAchievement({ communityId, id: editing?.id, texts, image: form.image, rule: form.rule }).then(
      () => {
        // An edit waits for its record to come back; a new achievement's form starts empty again.
        if (editing) draft.saved();
        else draft.discard();
        toast('info', t('credentials.recognition.saved'));
        onDone();
      },
      (err: unknown) => toast('error', errorMessage(t, err)),
    );

  return (
    <form className="achievement-form" aria-labelledby="achievement-form-title" onSubmit={(e) => (e.preventDefault(), void save())}>
      <h3 id="achievement-form-title">{t(editing ? 'credentials.recognition.editTitle' : 'credentials.recognition.defineTitle')}</h3>
      <p className="muted">{t('credentials.recognition.languageHint')}</p>
      <div className="achievement-languages">
        {languages.map((l) => {
          const inLanguage = t('credentials.recognition.inLanguage', { language: languageName(l) });
          const text = form.texts[l] ?? blank;
          return (
            <fieldset key={l}>
              <legend>{inLanguage}</legend>
              <label>
                {t('credentials.recognition.name')}
                <input
                  aria-label={`${t('credentials.recognition.name')} (${languageName(l)})`}
                  lang={l}
                  dir="auto"
                  value={text.name}
                  maxLength={200}
                  onChange={(e) => setText(l, 'name', e.target.value)}
                />
              </label>
              <label>
                {t('credentials.recognition.description')}
                <textarea
                  aria-label={`${t('credentials.recognition.description')} (${languageName(l)})`}
                  lang={l}
                  dir="auto"
                  value={text.description}
                  maxLength={2000}
                  onChange={(e) => setText(l, 'description', e.target.value)}
                />
              </label>
              <label>
                {t('credentials.recognition.criteria')}
                <textarea
                  aria-label={`${t('credentials.recognition.criteria')} (${languageName(l)})`}
                  lang={l}
                  dir="auto"
                  value={text.criteria}
                  maxLength={2000}
                  onChange={(e) => setText(l, 'criteria', e.target.value)}
                />
              </label>
            </fieldset>
          );
        })}
      </div>
      <div className="recognition-row achievement-image-row">
        <label className="file-pick">
          <span>{t('credentials.recognition.image')}</span>
          {/* The native control's own words follow the browser's language, not the studio's: it is hidden behind ours. */}
          <input type="file" accept={IMAGE_TYPES.join(',')} onChange={(e) => void pickImage(e.target.files?.[0])} />
          <span className="file-pick-button" aria-hidden="true">
            {t('credentials.recognition.chooseImage')}
          </span>
        </label>
        {form.image && (
          <>
            <img className="achievement-image" src={form.image} alt="" />
            <button type="button" className="small ghost" onClick={() => draft.set({ ...form, image: null })}>
              {t('credentials.recognition.removeImage')}
            </button>
          </>
        )}
      </div>
      <div className="recognition-row">
        <label>
          {t('credentials.recognition.rule')}
          <select value={ruleKind} onChange={(e) => setRule(e.target.value as RuleKind)}>
            <option value="none">{t('credentials.recognition.rules.none')}</option>
            <option value="practice_cycles">{t('credentials.recognition.rules.practice_cycles')}</option>
            <option value="reviews_given">{t('credentials.recognition.rules.reviews_given')}</option>
          </select>
        </label>
        {form.rule && (
          <label>
            {t('credentials.recognition.count')}
            <input
              type="number"
              min={1}
              max={100}
              value={form.rule.count}
              onChange={(e) => setRule(ruleKind, Math.min(100, Math.max(1, Number(e.target.value) || 1)))}
            />
          </label>
        )}
      </div>
      <div className="recognition-row">
        <button type="submit" disabled={!ready}>
          {t('credentials.recognition.save')}
        </button>
        {(editing || draft.dirty) && (
          <button type="button" className="ghost" onClick={() => (draft.discard(), onDone())}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
