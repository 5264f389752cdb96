import { useTranslation } from 'react-i18next';
import type { Job } from '../../../common/schemas/job';
import { preparationKinds } from './background-work';
import { JobRow } from '../ui/JobRow';
import { cancelJob, retryJob } from '../store/jobs';

/**
 * A lesson's background work, said quietly: the studio prepares a lesson by itself, so there is nothing
 * to stop here (the header's background-work list can). What failed keeps its reason and a retry.
 */
export function BackgroundWork({ jobs }: { jobs: Job[] }) {
  const { t } = useTranslation();
  const running = jobs.some((j) => j.status === 'running' || j.status === 'queued');
  return (
    <section className="lesson-background" aria-labelledby="lesson-background-title">
      <h2 id="lesson-background-title" className="muted small-text">
        {t('lesson.background')}
      </h2>
      {running && <p className="muted small-text">{t('lesson.backgroundHint')}</p>}
      <ul className="lesson-jobs">
        {jobs.map((job) => (
          <JobRow
            key={job.id}
            job={job}
            {...(!preparationKinds.has(job.kind) && { onCancel: () => cancelJob(job.id) })}
            onRetry={() => retryJob(job.id)}
          />
        ))}
      </ul>
    </section>
  );
}
