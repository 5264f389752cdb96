import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonSummary } from '../../../common/schemas/lesson';
import { SharedLine } from '../community/SharedLine';
import { ArchiveLine } from '../community/ArchiveLine';
import { formatDate, formatTimecode } from '../lib/format';
import { mediaUrl } from '../lib/shell';

function StatusLine({ lesson }: { lesson: LessonSummary }) {
  const { t } = useTranslation();
  if (lesson.status === 'processing') return <span className="status status-processing">{t('library.processing')}</span>;
  if (lesson.status === 'failed') return <span className="status status-failed">{t('library.failed')}</span>;
  return null;
}

export function LessonCard({ lesson, onOpen }: { lesson: LessonSummary; onOpen(): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  // Only the title is the button, named "Open <title>" so its name holds all its visible text (WCAG
  // 2.5.3); the card's other text (duration, subject, date, status) is read as its description. The
  // button stretches over the whole card (styles.css), so the card is still one large target.
  return (
    <li className="lesson-card">
      <div className="poster">
        {lesson.posterAssetId ? (
          <img src={mediaUrl(lesson.posterAssetId)} alt="" loading="lazy" />
        ) : (
          <span className="poster-placeholder" aria-hidden="true">
            {t('library.noPoster')}
          </span>
        )}
        {lesson.durationMs !== null && (
          <span className="duration" id={`${id}-duration`} data-testid="card-duration">
            {formatTimecode(lesson.durationMs, i18n.language)}
          </span>
        )}
      </div>
      <div className="card-body">
        <p className="card-title">
          <button
            type="button"
            className="card-button"
            onClick={onOpen}
            aria-label={t('library.openLesson', { title: lesson.title })}
            aria-describedby={`${lesson.durationMs !== null ? `${id}-duration ` : ''}${id}-details`}
          >
            <span dir="auto">{lesson.title}</span>
          </button>
        </p>
        <div id={`${id}-details`}>
          <p className="muted" dir="auto">
            {lesson.subject || t('library.untitledSubject')}
          </p>
          <p className="muted small-text">{formatDate(lesson.createdAt, i18n.language)}</p>
          {lesson.archive ? <ArchiveLine archive={lesson.archive} /> : lesson.shared && <SharedLine shared={lesson.shared} />}
          <StatusLine lesson={lesson} />
        </div>
      </div>
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
