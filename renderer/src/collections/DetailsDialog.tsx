import { useTranslation } from 'react-i18next';
import type { Collection, CollectionDescription } from '../../../common/schemas/collection';
import { licences } from '../../../common/sync/entities';
import { DraftNotice } from '../ui/DraftNotice';
import { useDraftText } from '../lib/draft-text';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';
import { useCollectionMutations } from './mutations';
import { useModalDialog } from '../ui/useModalDialog';

/** Languages offered first; any other BCP 47 tag can be typed. */
const commonLanguages = ['ar', 'en', 'fr', 'es', 'id', 'tr', 'ur', 'sw', 'pt', 'fa'];

/** Where unsaved details of a collection are kept (see draft-text.ts). */
export const collectionDetailsKey = (id: string) => `collection-details:${id}`;

/** Title, language, descriptions in several languages, tags and licence of a collection. */
export function DetailsDialog({ collection, onClose }: { collection: Collection; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const { update } = useCollectionMutations();
  const toast = useToasts((s) => s.show);
  // What is typed outlives this dialog: a sync that reloads the collection (or remounts the screen) must not wipe it.
  const draft = useDraftText(collectionDetailsKey(collection.id), {
    title: collection.title,
    language: collection.language,
    descriptions: collection.descriptions,
    tags: collection.tags.join(', '),
    licence: collection.licence,
  });
  const { title, language, descriptions, tags, licence } = draft.value;
  const edit = (patch: Partial<typeof draft.value>) => draft.set({ ...draft.value, ...patch });
  const setTitle = (v: string) => edit({ title: v });
  const setLanguage = (v: string) => edit({ language: v });
  const setDescriptions = (v: CollectionDescription[]) => edit({ descriptions: v });
  const setTags = (v: string) => edit({ tags: v });
  const setLicence = (v: typeof licence) => edit({ licence: v });
  const cancel = () => {
    draft.discard();
    onClose();
  };

  const setDescription = (i: number, change: Partial<CollectionDescription>) =>
    setDescriptions(descriptions.map((d, k) => (k === i ? { ...d, ...change } : d)));
  const save = async () => {
    const value = draft.value;
    draft.saved();
    try {
      await update({
        id: collection.id,
        title,
        language: language.trim(),
        descriptions: descriptions
          .filter((d) => d.language.trim() && d.text.trim())
          .map((d) => ({ language: d.language.trim(), text: d.text })),
        tags: tags
          .split(/[,،]/)
          .map((tag) => tag.trim())
          .filter(Boolean),
        licence,
      });
      draft.discard();
      onClose();
    } catch (err) {
      draft.set(value);
      toast('error', errorMessage(t, err));
    }
  };

  return (
    <dialog ref={dialog} className="collection-dialog" aria-labelledby="details-title" onCancel={() => draft.discard()} onClose={onClose}>
      <form
        className="details-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="details-title">{t('collections.editDetails')}</h2>
        <DraftNotice draft={draft} />
        <label>
          <span>{t('collections.titleField')}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required dir="auto" />
        </label>
        <label>
          <span>{t('collections.language')}</span>
          <input
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
            list="collection-languages"
            maxLength={35}
            dir="ltr"
            aria-describedby="language-help"
          />
          <span id="language-help" className="muted small-text">
            {t('collections.languageHelp')}
          </span>
        </label>
        <datalist id="collection-languages">
          {commonLanguages.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <fieldset className="descriptions">
          <legend>{t('collections.descriptions')}</legend>
          {descriptions.map((d, i) => (
            <div key={i} className="description-row">
              <input
                value={d.language}
                onChange={(e) => setDescription(i, { language: e.target.value })}
                list="collection-languages"
                maxLength={35}
                dir="ltr"
                aria-label={t('collections.descriptionLanguage', { position: i + 1 })}
              />
              <textarea
                value={d.text}
                onChange={(e) => setDescription(i, { text: e.target.value })}
                rows={3}
                maxLength={5000}
                dir="auto"
                aria-label={t('collections.descriptionText', { position: i + 1 })}
              />
              <button
                type="button"
                className="small ghost danger"
                onClick={() => setDescriptions(descriptions.filter((_, k) => k !== i))}
                aria-label={t('collections.removeDescription', { position: i + 1 })}
              >
                {t('collections.remove')}
              </button>
            </div>
          ))}
          <button type="button" className="small" onClick={() => setDescriptions([...descriptions, { language: '', text: '' }])}>
            {t('collections.addDescription')}
          </button>
        </fieldset>
        <label>
          <span>{t('collections.tags')}</span>
          <input value={tags} onChange={(e) => setTags(e.target.value)} dir="auto" aria-describedby="tags-help" />
          <span id="tags-help" className="muted small-text">
            {t('collections.tagsHelp')}
          </span>
        </label>
        <label>
          <span>{t('collections.licence')}</span>
          <select value={licence} onChange={(e) => setLicence(e.target.value as typeof licence)}>
            {licences.map((l) => (
              <option key={l} value={l}>
                {t(`collections.licences.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="dialog-actions">
          <button type="button" className="ghost" onClick={cancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!title.trim()}>
            {t('collections.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
