import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectionSummary } from '../../../common/schemas/collection';
import { OriginBadge } from './OriginBadge';
import { mediaUrl } from '../lib/shell';

export function CollectionCard({ collection, onOpen }: { collection: CollectionSummary; onOpen(): void }) {
  const { t } = useTranslation();
  const id = useId();
  // As a lesson card: only the title is the button, stretched over the card; "Open <title>" is its
  // name and the card's other text its description (label in name).
  return (
    <li className="collection-card">
      <div className="poster">
        {collection.coverAssetId ? (
          <img src={mediaUrl(collection.coverAssetId)} alt="" loading="lazy" />
        ) : (
          <span className="poster-placeholder" aria-hidden="true">
            {t('collections.noCover')}
          </span>
        )}
      </div>
      <div className="card-body">
        <p className="card-title">
          <button
            type="button"
            className="card-button"
            onClick={onOpen}
            aria-label={t('collections.open', { title: collection.title })}
            aria-describedby={`${id}-details`}
          >
            <span dir="auto">{collection.title}</span>
          </button>
        </p>
        <div id={`${id}-details`}>
          <p className="muted">{t('collections.itemCount', { count: collection.itemCount })}</p>
          <OriginBadge collection={collection} />
        </div>
      </div>
    </li>
  );
}
