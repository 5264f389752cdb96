import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteExportParts } from '../../../common/schemas/export';
import { downloadText } from '../lib/download';
import { errorMessage } from '../lib/errors';
import { FormDialog } from '../ui/FormDialog';
import { noteExportLabels } from './notes-export-labels';
import '../collections/collections.css';
import { exportActions } from './actions';
import { talkActions } from '../talk/actions';

type Format = 'vtt' | 'csv';
const parts = ['replies', 'reflection', 'privateNotes', 'talk'] as const;

/** Notes out as captions or a spreadsheet, in the studio's language, with the parts the person picks. */
export function NotesExportDialog({ lessonId, onClose }: { lessonId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [format, setFormat] = useState<Format>('vtt');
  const [include, setInclude] = useState<NoteExportParts>({ replies: true, reflection: true, privateNotes: true, talk: false });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    try {
      const labels = noteExportLabels(t);
      const file = await exportActions.notes({ lessonId, format, language: i18n.language, labels, include });
      // Captions of notes and of who talks would overlap: the talk analysis is a track of its own.
      const talk = include.talk && format === 'vtt' ? await talkActions.vtt({ lessonId, labels: labels.talk! }) : null;
      downloadText(file.fileName, file.mime, file.text);
      if (talk) downloadText(talk.fileName, talk.mime, talk.text);
      onClose();
    } catch (err) {
      setProblem(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      className="collection-dialog"
      titleId="notes-export-title"
      title={t('notesExport.title')}
      onClose={onClose}
      onSubmit={() => void save()}
      problem={problem}
      closeLabel={t('common.close')}
      submitLabel={t('notesExport.save')}
      submitDisabled={busy}
    >
      <fieldset>
        <legend>{t('notesExport.format')}</legend>
        {(['vtt', 'csv'] as const).map((f) => (
          <label key={f} className="radio">
            <input type="radio" name="notes-format" checked={format === f} onChange={() => setFormat(f)} />
            <span>
              {t(`notesExport.formats.${f}`)}
              <span className="muted small-text block">{t(`notesExport.formatHelp.${f}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('notesExport.include')}</legend>
        {parts.map((p) => (
          <label key={p} className="radio">
            <input type="checkbox" checked={include[p]} onChange={(e) => setInclude({ ...include, [p]: e.target.checked })} />
            <span>
              {t(`notesExport.parts.${p}`)}
              {p === 'talk' && <span className="muted small-text block">{t('notesExport.talkHelp')}</span>}
            </span>
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}
