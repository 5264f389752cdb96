import { useTranslation } from 'react-i18next';
import { formatWhen, isolate } from './format';

/**
 * A due date in the viewer's own time zone; hovering (or focusing) shows it in the requester's zone,
 * so a teacher in Amman and a mentor in Jakarta read the same moment.
 */
export function DueDate({ dueAt, dueZone, overdue }: { dueAt: number | null; dueZone: string | null; overdue: boolean }) {
  const { t, i18n } = useTranslation();
  if (dueAt === null) return <span className="muted">{t('review.due.none')}</span>;
  const theirs = dueZone
    ? t('review.due.authorZone', { date: isolate(formatWhen(dueAt, i18n.language, dueZone)), zone: isolate(dueZone) })
    : undefined;
  return (
    <span className={`due${overdue ? ' due-overdue' : ''}`}>
      {t('review.due.label')}{' '}
      <time dateTime={new Date(dueAt).toISOString()} title={theirs} tabIndex={theirs ? 0 : undefined}>
        {formatWhen(dueAt, i18n.language)}
      </time>
      {overdue && <span className="overdue-badge">{t('review.due.overdue')}</span>}
    </span>
  );
}
