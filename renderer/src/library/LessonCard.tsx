import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonSummary } from '../../../common/schemas/lesson';
import { SharedLine } from '../community/SharedLine';
import { ArchiveLine } from '../community/ArchiveLine';
import { formatDate, formatTimecode } from '../lib/format';
import { PosterCard } from '../ui/PosterCard';

function StatusLine({ lesson }: { lesson: LessonSummary }) {
  const { t } = useTranslation();
  if (lesson.status === 'processing') return <span className="status status-processing">{t('library.processing')}</span>;
  if (lesson.status === 'failed') return <span className="status status-failed">{t('library.failed')}</span>;
  return null;
}

export function LessonCard({ lesson, onOpen }: { lesson: LessonSummary; onOpen(): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  // The card's other text (duration, subject, date, status) is read as the button's description.
  return (
    <PosterCard
      className="lesson-card"
      id={id}
      posterAssetId={lesson.posterAssetId}
      placeholder={t('library.noPoster')}
      overlay={
        lesson.durationMs !== null && (
          <span className="duration" id={`${id}-duration`} data-testid="card-duration">
            {formatTimecode(lesson.durationMs, i18n.language)}
          </span>
        )
      }
      describedBy={lesson.durationMs !== null ? `${id}-duration` : undefined}
      title={lesson.title}
      openLabel={t('library.openLesson', { title: lesson.title })}
      onOpen={onOpen}
    >
      <p className="muted" dir="auto">
        {lesson.subject || t('library.untitledSubject')}
      </p>
      <p className="muted small-text">{formatDate(lesson.createdAt, i18n.language)}</p>
      {lesson.archive ? <ArchiveLine archive={lesson.archive} /> : lesson.shared && <SharedLine shared={lesson.shared} />}
      <StatusLine lesson={lesson} />
    </PosterCard>
  );
}

export function LessonRow({ lesson, onOpen }: { lesson: LessonSummary; onOpen(): void }) {
  const { t, i18n } = useTranslation();
  return (
    <tr>
      <td>
        <button type="button" className="link" onClick={onOpen} aria-label={t('library.openLesson', { title: lesson.title })}>
          <span dir="auto">{lesson.title}</span>
        </button>{' '}
        <StatusLine lesson={lesson} />
      </td>
      <td dir="auto">{lesson.subject}</td>
      <td>{formatDate(lesson.createdAt, i18n.language)}</td>
      <td>{lesson.durationMs !== null ? formatTimecode(lesson.durationMs, i18n.language) : ''}</td>
      <td>{new Intl.NumberFormat(i18n.language).format(lesson.noteCount)}</td>
    </tr>
  );
}
