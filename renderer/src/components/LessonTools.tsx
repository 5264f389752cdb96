import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../bridge/studio';
import { downloadText } from '../lib/download';
import { errorMessage } from '../lib/errors';
import { useCaptions } from '../store/captions';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';

/** Notes out (WebVTT, CSV, a printable report) and captions in. */
export function LessonTools({ lessonId }: { lessonId: string }) {
  const { t } = useTranslation();
  const importCaptions = useCaptions((s) => s.importFile);
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const input = useRef<HTMLInputElement>(null);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  const exportAs = (format: 'vtt' | 'csv') =>
    call('exports.notes', { lessonId, format })
      .then((f) => downloadText(f.fileName, f.mime, f.text))
      .catch(fail);

  return (
    <div className="lesson-tools" role="group" aria-label={t('tools.label')}>
      <button type="button" className="small" onClick={() => void exportAs('vtt')}>
        {t('tools.exportVtt')}
      </button>
      <button type="button" className="small" onClick={() => void exportAs('csv')}>
        {t('tools.exportCsv')}
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
    </div>
  );
}
