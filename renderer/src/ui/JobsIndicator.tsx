import { useTranslation } from 'react-i18next';
import { activeJobs, cancelJob, retryJob, useJobs } from '../store/jobs';
import { useLesson } from '../store/lesson';
import { useLibrary } from '../store/library';
import { backgroundSummary, lessonTitle } from '../lesson/background-work';
import { JobRow } from './JobRow';
import { useHeaderPopover } from './useHeaderPopover';

/** Always visible in the header: what the studio is doing in the background, with a way to see and stop it. */
export function JobsIndicator() {
  const { t } = useTranslation();
  const jobs = useJobs((s) => s.jobs);
  // Titles come from the library and the open lesson: read again when they change, so a new lesson is named once it is listed.
  useLibrary((s) => s.items);
  useLesson((s) => s.lesson);
  const { open, toggle, root, button } = useHeaderPopover('jobs');
  const active = activeJobs(jobs);
  const failed = Object.values(jobs).filter((j) => j.status === 'failed');
  return (
    <div className="jobs-indicator" ref={root}>
      <button ref={button} type="button" className="ghost" aria-expanded={open} aria-controls="jobs-panel" onClick={toggle}>
        {backgroundSummary(t, active)}
        {failed.length > 0 && <span className="badge badge-error">{failed.length}</span>}
      </button>
      {open && (
        <div id="jobs-panel" className="jobs-popover" role="region" aria-label={t('jobs.title')}>
          <h2>{t('jobs.title')}</h2>
          {[...active, ...failed].length === 0 && <p className="muted">{t('jobs.none')}</p>}
          <ul>
            {[...active, ...failed].map((job) => (
              <JobRow
                key={job.id}
                job={job}
                lessonTitle={job.lessonId ? lessonTitle(job.lessonId) : undefined}
                onCancel={() => cancelJob(job.id)}
                onRetry={() => retryJob(job.id)}
              />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
