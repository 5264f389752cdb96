import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonSummary } from '../../../common/schemas/lesson';
import { studio } from '../bridge/studio';
import { SharedLine } from '../community/SharedLine';
import { ArchiveLine } from '../community/ArchiveLine';
import { formatDate, formatTimecode } from '../lib/format';

function StatusLine({ lesson }: { lesson: LessonSummary }) {
  const { t } = useTranslation();
  if (lesson.status === 'processing') return <span className="status status-processing">{t('library.processing')}</span>;
  if (lesson.status === 'failed') return <span className="status status-failed">{t('library.failed')}</span>;
  return null;
}

export function LessonCard({ lesson, onOpen }: { lesson: LessonSummary; onOpen(): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  // The button's name is "Open <title>"; the card's other text (duration, subject, date, status) is its
  // description. It is hidden from the name so the name holds all the visible label (WCAG 2.5.3), and the
  // title is no heading: a button's content is flattened anyway.
  return (
    <li className="lesson-card">
      <button
        type="button"
        className="card-button"
        onClick={onOpen}
        aria-label={t('library.openLesson', { title: lesson.title })}
        aria-describedby={`${id}-duration ${id}-body`}
      >
        <div className="poster" aria-hidden="true">
          {lesson.posterAssetId ? (
            <img src={studio.mediaUrl(lesson.posterAssetId)} alt="" loading="lazy" />
          ) : (
            <span className="poster-placeholder">{t('library.noPoster')}</span>
          )}
          {lesson.durationMs !== null && (
            <span className="duration" id={`${id}-duration`} data-testid="card-duration">
              {formatTimecode(lesson.durationMs, i18n.language)}
            </span>
          )}
        </div>
        <div className="card-body" id={`${id}-body`} aria-hidden="true">
          <p className="card-title" dir="auto">
            {lesson.title}
          </p>
          <p className="muted" dir="auto">
            {lesson.subject || t('library.untitledSubject')}
          </p>
          <p className="muted small-text">{formatDate(lesson.createdAt, i18n.language)}</p>
          {lesson.archive ? <ArchiveLine archive={lesson.archive} /> : lesson.shared && <SharedLine shared={lesson.shared} />}
          <StatusLine lesson={lesson} />
        </div>
      </button>
    </li>
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
