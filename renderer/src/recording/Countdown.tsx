import { useTranslation } from 'react-i18next';
import { formatNumber } from './format';

export function Countdown({ seconds, onSkip, onCancel }: { seconds: number; onSkip(): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="countdown" role="status" aria-live="assertive">
      <span className="countdown-number" aria-label={t('record.countdownLabel', { count: seconds })}>
        {formatNumber(seconds, i18n.language)}
      </span>
      <div className="countdown-actions">
        <button type="button" className="primary" onClick={onSkip} autoFocus>
          {t('record.skipCountdown')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('record.cancelCountdown')}
        </button>
      </div>
    </div>
  );
}
