import { useTranslation } from 'react-i18next';
import type { ArchiveInfo } from '../../../common/schemas/credit';
import { withBdi } from '../lib/bidi';

/**
 * Where a lesson from a package came from: its author and community as the package gave them, or
 * (an older package that did not say) who exported it. The names are the people's own words, isolated.
 */
export function ArchiveOrigin({ archive }: { archive: ArchiveInfo }) {
  const { t } = useTranslation();
  const { authorName: author, communityName: community, exportedBy } = archive;
  if (author && community) return <>{withBdi(t, 'share.archiveFrom', { author, community })}</>;
  if (author) return <>{withBdi(t, 'share.archiveFromAuthor', { author })}</>;
  if (community) return <>{withBdi(t, 'share.archiveFromCommunity', { community })}</>;
  if (exportedBy) return <>{withBdi(t, 'share.archiveFromExporter', { name: exportedBy })}</>;
  return <>{t('share.archiveUnknown')}</>;
}

/** On a library card: a lesson from a package, where it came from. */
export function ArchiveLine({ archive }: { archive: ArchiveInfo }) {
  return (
    <p className="small-text shared-line archive-line">
      <ArchiveOrigin archive={archive} />
    </p>
  );
}

/**
 * The lesson page's sharing corner for a lesson from a package: where it came from, under which
 * licence, and what the reader may do. There is nothing to download (its video came in the package)
 * and nothing to share or unshare: it is not the community's copy.
 */
export function ArchiveSharing({ archive }: { archive: ArchiveInfo }) {
  const { t } = useTranslation();
  return (
    <div className="lesson-sharing archive-sharing" role="group" aria-label={t('share.archiveUnknown')}>
      <span className="share-chip archive-chip">
        <ArchiveOrigin archive={archive} />
        {' · '}
        {t('share.archiveLicence', { licence: t(`collections.licences.${archive.licence}`) })}
      </span>
      <span className="muted small-text archive-rights">{t('share.archiveRights')}</span>
    </div>
  );
}
