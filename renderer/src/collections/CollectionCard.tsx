import { useTranslation } from 'react-i18next';
import type { CollectionSummary } from '../../../common/schemas/collection';
import { studio } from '../bridge/studio';
import { OriginBadge } from './OriginBadge';

export function CollectionCard({ collection, onOpen }: { collection: CollectionSummary; onOpen(): void }) {
  const { t } = useTranslation();
  return (
    <li className="collection-card">
      <button type="button" className="card-button" onClick={onOpen} aria-label={t('collections.open', { title: collection.title })}>
        <div className="poster">
          {collection.coverAssetId ? (
            <img src={studio.mediaUrl(collection.coverAssetId)} alt="" loading="lazy" />
          ) : (
            <span className="poster-placeholder">{t('collections.noCover')}</span>
          )}
        </div>
        <div className="card-body">
          <h3 className="card-title" dir="auto">
            {collection.title}
          </h3>
          <p className="muted">{t('collections.itemCount', { count: collection.itemCount })}</p>
          <OriginBadge collection={collection} />
        </div>
      </button>
    </li>
  );
}
