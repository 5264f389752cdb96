import { useTranslation } from 'react-i18next';
import type { Job } from '../../../common/schemas/job';
import { formatPercent } from '../lib/format';

export function JobRow({ job, onCancel, onRetry }: { job: Job; onCancel(): void; onRetry(): void }) {
  const { t, i18n } = useTranslation();
  const label = t(`jobs.kinds.${job.kind}`);
  const status = t(`jobs.status.${job.status}`, { percent: formatPercent(job.progress, i18n.language) });
  return (
    <li className={`job-row job-${job.status}`}>
      <div className="job-label">
        <span>{label}</span>
        <span className="muted">{status}</span>
      </div>
      {(job.status === 'running' || job.status === 'queued') && (
        <progress max={1} value={job.progress} aria-label={`${label} ${status}`} />
      )}
      {job.status === 'failed' && job.errorCode && <p className="error-text">{t(`errors.${job.errorCode}`, { defaultValue: t('errors.media_failed') })}</p>}
      <div className="job-actions">
        {(job.status === 'running' || job.status === 'queued') && (
          <button type="button" className="small" onClick={onCancel} aria-label={`${t('jobs.cancel')}: ${label}`}>
            {t('jobs.cancel')}
          </button>
        )}
        {(job.status === 'failed' || job.status === 'cancelled') && (
          <button type="button" className="small" onClick={onRetry} aria-label={`${t('jobs.retry')}: ${label}`}>
            {t('jobs.retry')}
          </button>
        )}
      </div>
    </li>
  );
}
