import { useTranslation } from 'react-i18next';
import type { LessonShareInfo } from '../../../common/schemas/sharing';
import { withBdi } from '../lib/bidi';
import { countryName } from './format';

/** On a library card: which community a lesson is shared in and, for someone else's, by whom and from where. */
export function SharedLine({ shared }: { shared: LessonShareInfo }) {
  const { t, i18n } = useTranslation();
  const who = shared.mine
    ? withBdi(t, 'share.sharedIn', { community: shared.communityName })
    : withBdi(t, 'share.sharedBy', { name: shared.ownerName || t('community.formerMember'), community: shared.communityName });
  return (
    <p className="small-text shared-line">
      {who}
      {!shared.mine && shared.country && ` · ${countryName(shared.country, i18n.language)}`}
      {shared.origin === 'hub' && shared.download !== 'done' && ` · ${t(`share.download.${shared.download ?? 'none'}`)}`}
    </p>
  );
}
