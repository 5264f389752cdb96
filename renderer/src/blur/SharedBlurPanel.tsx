import { useTranslation } from 'react-i18next';
import type { BlurState } from '../../../common/schemas/blur';

/**
 * The Blur tab of a lesson shared with this person: where its teacher blurred it, read-only. The
 * boxes show on the player and in the lane; what was under them never left the teacher's computer.
 */
export function SharedBlurPanel({ state }: { state: BlurState }) {
  const { t } = useTranslation();
  return (
    <section className="blur-panel" aria-labelledby="blur-title">
      <h3 id="blur-title">{t('blur.title')}</h3>
      {state.status === 'ready' ? (
        <>
          <p className="muted small-text">{t('blur.shared.intro')}</p>
          <p role="status">{t('blur.shared.count', { count: state.regions.length })}</p>
        </>
      ) : (
        <p className="muted small-text">{t('blur.shared.none')}</p>
      )}
    </section>
  );
}
