import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectionSummary } from '../../../common/schemas/collection';
import { studio } from '../bridge/studio';
import { OriginBadge } from './OriginBadge';

export function CollectionCard({ collection, onOpen }: { collection: CollectionSummary; onOpen(): void }) {
  const { t } = useTranslation();
  const id = useId();
  // As a lesson card: "Open <title>" is the name, the card's text its description (label in name).
  return (
    <li className="collection-card">
      <button
        type="button"
        className="card-button"
        onClick={onOpen}
        aria-label={t('collections.open', { title: collection.title })}
        aria-describedby={`${id}-body`}
      >
        <div className="poster" aria-hidden="true">
          {collection.coverAssetId ? (
            <img src={studio.mediaUrl(collection.coverAssetId)} alt="" loading="lazy" />
          ) : (
            <span className="poster-placeholder">{t('collections.noCover')}</span>
          )}
        </div>
        <div className="card-body" id={`${id}-body`} aria-hidden="true">
          <p className="card-title" dir="auto">
            {collection.title}
          </p>
          <p className="muted">{t('collections.itemCount', { count: collection.itemCount })}</p>
          <OriginBadge collection={collection} />
        </div>
      </button>
    </li>
  );
}
