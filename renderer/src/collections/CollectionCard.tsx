import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectionSummary } from '../../../common/schemas/collection';
import { PosterCard } from '../ui/PosterCard';
import { OriginBadge } from './OriginBadge';

export function CollectionCard({ collection, onOpen }: { collection: CollectionSummary; onOpen(): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <PosterCard
      className="collection-card"
      id={id}
      posterAssetId={collection.coverAssetId}
      placeholder={t('collections.noCover')}
      title={collection.title}
      openLabel={t('collections.open', { title: collection.title })}
      onOpen={onOpen}
    >
      <p className="muted">{t('collections.itemCount', { count: collection.itemCount })}</p>
      <OriginBadge collection={collection} />
    </PosterCard>
  );
}
