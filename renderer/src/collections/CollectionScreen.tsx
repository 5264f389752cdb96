import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDrafting } from '../lib/draft-text';
import { errorMessage } from '../lib/errors';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import { AddItemsDialog } from './AddItemsDialog';
import { CollectionPlayer } from './CollectionPlayer';
import { collectionDetailsKey, DetailsDialog } from './DetailsDialog';
import { ExportDialog } from './ExportDialog';
import { ItemList } from './ItemList';
import { OriginBadge } from './OriginBadge';
import { PublishDialog } from './PublishDialog';
import { useCollections } from './store';
import './collections.css';
import { askConfirm } from '../store/confirm';
import { useCollectionMutations } from './mutations';

type Dialog = 'details' | 'add' | 'export' | 'publish' | null;

export function CollectionScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { current: collection, missing, open } = useCollections();
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const { remove: deleteCollection } = useCollectionMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  // Details with unsaved text stay open when a sync remounts this screen (the text itself is kept in draft-text.ts).
  const detailsDrafted = useDrafting(collectionDetailsKey(id));
  const [playing, setPlaying] = useState<{ index: number; nonce: number }>({ index: 0, nonce: 0 });
  const [nowPlaying, setNowPlaying] = useState(0);

  useEffect(() => {
    void open(id);
  }, [id, open]);

  if (missing) {
    return (
      <section className="collection-screen">
        <button type="button" className="ghost" onClick={() => go({ name: 'collections' })}>
          <span className="flip-rtl" aria-hidden="true">
            ←
          </span>{' '}
          {t('collections.back')}
        </button>
        <p>{t('collections.notFound')}</p>
      </section>
    );
  }
  if (!collection || collection.id !== id) return <p className="muted">{t('common.loading')}</p>;

  const remove = async () => {
    if (
      !(await askConfirm({ message: t('collections.confirmDelete', { title: collection.title }), confirmLabel: t('collections.delete') }))
    )
      return;
    try {
      await deleteCollection(id);
      go({ name: 'collections' });
    } catch (err) {
      toast('error', errorMessage(t, err));
    }
  };

  return (
    <section className="collection-screen" aria-labelledby="collection-title">
      <div className="lesson-head">
        <button type="button" className="ghost" onClick={() => go({ name: 'collections' })} aria-label={t('collections.back')}>
          <span className="flip-rtl" aria-hidden="true">
            ←
          </span>
        </button>
        <h1 id="collection-title" dir="auto" lang={collection.language || undefined}>
          {collection.title}
        </h1>
        <OriginBadge collection={collection} />
        <span className="spacer" />
        {collection.canEdit && (
          <button type="button" onClick={() => setDialog('details')}>
            {t('collections.editDetails')}
          </button>
        )}
        {collection.canEdit && !collection.communityId && (
          <button type="button" onClick={() => setDialog('publish')}>
            {t('collections.publishButton')}
          </button>
        )}
        <button type="button" onClick={() => setDialog('export')}>
          {t('packages.export')}
        </button>
        {(collection.canEdit || collection.origin === 'archive') && (
          <button type="button" className="ghost danger" onClick={() => void remove()}>
            {t('collections.delete')}
          </button>
        )}
      </div>
      {collection.descriptions.map((d) => (
        <p key={d.language} className="collection-description" lang={d.language} dir="auto">
          {d.text}
        </p>
      ))}
      {collection.tags.length > 0 && (
        <ul className="tag-list" aria-label={t('collections.tags')}>
          {collection.tags.map((tag) => (
            <li key={tag} dir="auto">
              {tag}
            </li>
          ))}
        </ul>
      )}
      <div className="collection-body">
        <CollectionPlayer collection={collection} request={playing} onNowPlaying={setNowPlaying} />
        <aside className="collection-side" aria-labelledby="items-title">
          <div className="panel-head">
            <h2 id="items-title">{t('collections.items')}</h2>
            {collection.canEdit && (
              <button type="button" className="primary small" onClick={() => setDialog('add')}>
                {t('collections.addItems')}
              </button>
            )}
          </div>
          <ItemList collection={collection} current={nowPlaying} onPlay={(index) => setPlaying((p) => ({ index, nonce: p.nonce + 1 }))} />
        </aside>
      </div>
      {(dialog === 'details' || detailsDrafted) && <DetailsDialog collection={collection} onClose={() => setDialog(null)} />}
      {dialog === 'publish' && <PublishDialog collection={collection} onClose={() => setDialog(null)} />}
      {dialog === 'add' && <AddItemsDialog collection={collection} onClose={() => setDialog(null)} />}
      {dialog === 'export' && (
        <ExportDialog
          target={{ kind: 'collection', id }}
          title={collection.title}
          language={collection.language}
          licence={collection.licence}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}
