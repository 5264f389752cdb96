import { useTranslation } from 'react-i18next';
import type { CollectionSummary } from '../../../common/schemas/collection';
import { withBdi } from '../lib/bidi';

/** Where a collection lives: a draft on this device, published in a community, or an imported archive. */
export function OriginBadge({ collection }: { collection: CollectionSummary }) {
  const { t } = useTranslation();
  if (collection.origin === 'archive') {
    return (
      <span className="origin-badge origin-archive">
        {collection.communityName ? withBdi(t, 'collections.archiveOf', { community: collection.communityName }) : t('collections.archive')}
      </span>
    );
  }
  if (!collection.communityId) return <span className="origin-badge origin-draft">{t('collections.draft')}</span>;
  return (
    <span className="origin-badge origin-published">
      {withBdi(t, 'collections.publishedIn', { community: collection.communityName ?? '' })}
    </span>
  );
}
