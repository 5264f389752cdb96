import { useTranslation } from 'react-i18next';

/** Sharing's first-run story, for someone who has never signed in to a hub. */
export function HubIntro() {
  const { t } = useTranslation();
  return (
    <section className="hub-intro" aria-labelledby="hub-intro-title">
      <h2 id="hub-intro-title">{t('hub.introTitle')}</h2>
      <p>{t('hub.introBody')}</p>
      <p>{t('hub.introAddress')}</p>
    </section>
  );
}
