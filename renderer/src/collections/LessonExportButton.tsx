import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../../common/schemas/lesson';
import { ExportDialog } from './ExportDialog';
import './collections.css';

/** Exports one lesson with its notes and clips, as a package or a web folder, from the lesson's page. */
export function LessonExportButton({ lesson }: { lesson: Lesson }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="small"
        onClick={() => setOpen(true)}
        aria-label={t('packages.exportLesson', { title: lesson.title })}
      >
        {t('packages.export')}
      </button>
      {open && (
        <ExportDialog
          target={{ kind: 'lesson', id: lesson.id }}
          title={lesson.title}
          language={lesson.language}
          licence={null}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
