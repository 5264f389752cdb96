import { useTranslation } from 'react-i18next';
import type { Transfer } from '../../../common/schemas/sync';
import { formatBytes, formatPercent } from '../lib/format';
import { roughDuration } from './format';
import { transferActions } from './actions';

/** Media on its way to or from the hub, each with its progress and a pause or resume button. */
export function TransferList({ transfers }: { transfers: Transfer[] }) {
  const { t, i18n } = useTranslation();
  if (transfers.length === 0) return <p className="muted">{t('transfers.none')}</p>;
  return (
    <ul className="transfer-list">
      {transfers.map((tr) => {
        const fraction = tr.sizeBytes > 0 ? Math.min(1, tr.doneBytes / tr.sizeBytes) : 0;
        const name = t(`transfers.${tr.direction}`, { role: t(`transfers.roles.${tr.role}`), title: tr.lessonTitle });
        return (
          <li key={tr.id} className={`transfer transfer-${tr.state}`}>
            <div className="transfer-line">
              <span dir="auto" className="transfer-name">
                {name}
              </span>
              <span className="muted small-text">
                {t(`transfers.states.${tr.state}`)}
                {tr.sizeBytes > 0 && ` · ${formatBytes(tr.doneBytes, i18n.language)} / ${formatBytes(tr.sizeBytes, i18n.language)}`}
                {tr.state === 'running' &&
                  tr.bytesPerSecond !== null &&
                  ` · ${t('transfers.rate', { rate: formatBytes(tr.bytesPerSecond, i18n.language) })}`}
                {tr.state === 'running' &&
                  tr.secondsLeft !== null &&
                  ` · ${t('transfers.timeLeft', { duration: roughDuration(tr.secondsLeft * 1000, i18n.language) })}`}
              </span>
            </div>
            <progress
              max={1}
              value={fraction}
              aria-label={t('transfers.progress', { name, percent: formatPercent(fraction, i18n.language) })}
            />
            {tr.errorCode && tr.state !== 'done' && (
              <p className="small-text error-text">{t(`errors.${tr.errorCode}`, { defaultValue: t('errors.internal') })}</p>
            )}
            {(tr.state === 'queued' || tr.state === 'running') && (
              <button
                type="button"
                className="small"
                onClick={() => void transferActions.pause({ id: tr.id })}
                aria-label={t('transfers.pauseNamed', { name })}
              >
                {t('transfers.pause')}
              </button>
            )}
            {(tr.state === 'paused' || tr.state === 'failed') && (
              <button
                type="button"
                className="small"
                onClick={() => void transferActions.resume({ id: tr.id })}
                aria-label={t('transfers.resumeNamed', { name })}
              >
                {t('transfers.resume')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
