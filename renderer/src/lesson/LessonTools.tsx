import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { useCaptions } from '../store/captions';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import { NotesExportDialog } from './NotesExportDialog';

/** Notes out (WebVTT, CSV, a printable report) and captions in. */
export function LessonTools({ lessonId }: { lessonId: string }) {
  const { t } = useTranslation();
  const importCaptions = useCaptions((s) => s.importFile);
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const input = useRef<HTMLInputElement>(null);
  const [exporting, setExporting] = useState(false);

  return (
    <div className="lesson-tools" role="group" aria-label={t('tools.label')}>
      <button type="button" className="small" aria-haspopup="dialog" onClick={() => setExporting(true)}>
        {t('tools.exportNotes')}
      </button>
      <button type="button" className="small" onClick={() => go({ name: 'report', id: lessonId })}>
        {t('tools.report')}
      </button>
      <button type="button" className="small" onClick={() => input.current?.click()}>
        {t('tools.importCaptions')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".vtt,.srt,text/vtt"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          importCaptions(file)
            .then((track) => toast('info', t('tools.captionsImported', { name: track.label })))
            .catch((err: unknown) => toast('error', t('tools.captionsRefused', { name: file.name, reason: errorMessage(t, err) })));
        }}
      />
      {exporting && <NotesExportDialog lessonId={lessonId} onClose={() => setExporting(false)} />}
    </div>
  );
}
