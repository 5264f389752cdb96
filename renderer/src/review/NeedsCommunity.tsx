import { useTranslation } from 'react-i18next';
import { useRoute } from '../store/route';
import type { ReviewTab } from './tabs';

/**
 * A reviews tab for someone with no hub account yet: what the tab is for, and the way into a
 * community, instead of asking the hub for data it cannot give and answering "sign in again".
 */
export function NeedsCommunity({ tab }: { tab: ReviewTab }) {
  const { t } = useTranslation();
  const go = useRoute((s) => s.go);
  return (
    <div className="needs-community">
      <h2>{t(`review.withoutAccount.${tab}.title`)}</h2>
      <p>{t(`review.withoutAccount.${tab}.body`)}</p>
      <p className="muted">{t('review.withoutAccount.needsCommunity')}</p>
      <button type="button" className="primary" onClick={() => go({ name: 'hub' })}>
        {t('review.withoutAccount.join')}
      </button>
    </div>
  );
}
