import { useTranslation } from 'react-i18next';
import { call } from '../bridge/studio';
import { formatPercent } from '../lib/format';
import { activeJobs, useJobs } from '../store/jobs';
import { JobRow } from './JobRow';
import { useHeaderPopover } from './useHeaderPopover';

/** Always visible in the header: what the studio is doing in the background, with a way to see and stop it. */
export function JobsIndicator() {
  const { t, i18n } = useTranslation();
  const jobs = useJobs((s) => s.jobs);
  const { open, toggle, root, button } = useHeaderPopover('jobs');
  const active = activeJobs(jobs);
  const failed = Object.values(jobs).filter((j) => j.status === 'failed');
  const overall = active.length ? active.reduce((sum, j) => sum + j.progress, 0) / active.length : 0;
  return (
    <div className="jobs-indicator" ref={root}>
      <button ref={button} type="button" className="ghost" aria-expanded={open} aria-controls="jobs-panel" onClick={toggle}>
        {active.length ? `${t('jobs.running', { count: active.length })} · ${formatPercent(overall, i18n.language)}` : t('jobs.none')}
        {failed.length > 0 && <span className="badge badge-error">{failed.length}</span>}
      </button>
      {open && (
        <div id="jobs-panel" className="jobs-popover" role="region" aria-label={t('jobs.title')}>
          <h2>{t('jobs.title')}</h2>
          {[...active, ...failed].length === 0 && <p className="muted">{t('jobs.none')}</p>}
          <ul>
            {[...active, ...failed].map((job) => (
              <JobRow key={job.id} job={job} onCancel={() => void call('jobs.cancel', { id: job.id })} onRetry={() => void call('jobs.retry', { id: job.id })} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
