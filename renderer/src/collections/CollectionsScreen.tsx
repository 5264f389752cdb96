import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import { CollectionCard } from './CollectionCard';
import { ImportPackageButton } from './ImportPackageButton';
import { useCollections } from './store';
import './collections.css';
import { useCollectionMutations } from './mutations';

/** Every collection on this device: drafts, those of the person's communities, and imported archives. */
export function CollectionsScreen() {
  const { t } = useTranslation();
  const { list, loaded, load } = useCollections();
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const { create: createCollection } = useCollectionMutations();
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');

  useEffect(() => {
    void load();
  }, [load]);

  const create = async () => {
    try {
      const collection = await createCollection(title);
      setTitle('');
      setCreating(false);
      go({ name: 'collection', id: collection.id });
    } catch (err) {
      toast('error', errorMessage(t, err));
    }
  };

  return (
    <section className="collections" aria-labelledby="collections-title">
      <div className="toolbar">
        <h1 id="collections-title">{t('collections.title')}</h1>
        <span className="spacer" />
        <ImportPackageButton />
        <button type="button" className="primary" onClick={() => setCreating(true)} aria-expanded={creating}>
          {t('collections.new')}
        </button>
      </div>
      {creating && (
        <form
          className="new-collection"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label>
            <span>{t('collections.titleField')}</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required dir="auto" autoFocus />
          </label>
          <button type="submit" className="primary" disabled={!title.trim()}>
            {t('collections.create')}
          </button>
          <button type="button" className="ghost" onClick={() => setCreating(false)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {!loaded && <p className="muted">{t('common.loading')}</p>}
      {loaded && list.length === 0 && (
        <div className="empty-state">
          <h2>{t('collections.emptyTitle')}</h2>
          <p className="muted">{t('collections.emptyBody')}</p>
        </div>
      )}
      <ul className="collection-grid">
        {list.map((c) => (
          <CollectionCard key={c.id} collection={c} onOpen={() => go({ name: 'collection', id: c.id })} />
        ))}
      </ul>
    </section>
  );
}
