import { useTranslation } from 'react-i18next';
import type { Job } from '../../../common/schemas/job';
import { formatPercent } from '../lib/format';

/**
 * One piece of background work by name. Without `onCancel` it cannot be stopped here: work the studio
 * started by itself is stopped, if at all, from the background-work list.
 */
export function JobRow({
  job,
  lessonTitle,
  onCancel,
  onRetry,
}: {
  job: Job;
  lessonTitle?: string | undefined;
  onCancel?: () => void;
  onRetry(): void;
}) {
  const { t, i18n } = useTranslation();
  const label = t(`jobs.kinds.${job.kind}`);
  const status = t(`jobs.status.${job.status}`, { percent: formatPercent(job.progress, i18n.language) });
  const running = job.status === 'running' || job.status === 'queued';
  return (
    <li className={`job-row job-${job.status}`}>
      <div className="job-label">
        <span>
          {label}
          {lessonTitle && <span className="muted small-text block">{t('jobs.forLesson', { title: lessonTitle })}</span>}
        </span>
        <span className="muted">{status}</span>
      </div>
      {running && <progress max={1} value={job.progress} aria-label={`${label} ${status}`} />}
      {job.status === 'failed' && job.errorCode && (
        <p className="error-text">{t(`errors.${job.errorCode}`, { defaultValue: t('errors.media_failed') })}</p>
      )}
      <div className="job-actions">
        {running && onCancel && (
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
