import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collection, CollectionDescription } from '../../../common/schemas/collection';
import { licences } from '../../../common/sync/entities';
import { call } from '../bridge/studio';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';
import { useCollections } from './store';

/** Languages offered first; any other BCP 47 tag can be typed. */
const commonLanguages = ['ar', 'en', 'fr', 'es', 'id', 'tr', 'ur', 'sw', 'pt', 'fa'];

/** Title, language, descriptions in several languages, tags and licence of a collection. */
export function DetailsDialog({ collection, onClose }: { collection: Collection; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const apply = useCollections((s) => s.apply);
  const toast = useToasts((s) => s.show);
  const [title, setTitle] = useState(collection.title);
  const [language, setLanguage] = useState(collection.language);
  const [descriptions, setDescriptions] = useState<CollectionDescription[]>(collection.descriptions);
  const [tags, setTags] = useState(collection.tags.join(', '));
  const [licence, setLicence] = useState(collection.licence);
  useEffect(() => {
    const d = dialog.current;
    d?.showModal();
    return () => d?.close();
  }, []);

  const setDescription = (i: number, change: Partial<CollectionDescription>) =>
    setDescriptions(descriptions.map((d, k) => (k === i ? { ...d, ...change } : d)));
  const save = async () => {
    try {
      apply(
        await call('collections.update', {
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
        }),
      );
      onClose();
    } catch (err) {
      toast('error', errorMessage(t, err));
    }
  };

  return (
    <dialog ref={dialog} className="collection-dialog" aria-labelledby="details-title" onClose={onClose}>
      <form
        className="details-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="details-title">{t('collections.editDetails')}</h2>
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
          <button type="button" className="ghost" onClick={onClose}>
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
