import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '../../../common/schemas/note';
import { errorMessage } from '../lib/errors';
import { formatTimecode } from '../lib/format';
import { useLesson } from '../store/lesson';
import { useToasts } from '../store/toasts';
import { NoteComposer, type NoteDraft } from './NoteComposer';

interface Props {
  draft: NoteDraft | null;
  onDraftDone(): void;
  onSeek(ms: number): void;
  onAddAtCurrent(): void;
}

export function NotesPanel({ draft, onDraftDone, onSeek, onAddAtCurrent }: Props) {
  const { t, i18n } = useTranslation();
  const { notes, addNote, updateNote, deleteNote } = useLesson();
  const toast = useToasts((s) => s.show);
  const [editing, setEditing] = useState<string | null>(null);
  const topLevel = notes.filter((n) => n.parentId === null);

  const fail = (err: unknown) => toast('error', errorMessage(t, err));

  return (
    <section className="notes-panel" aria-labelledby="notes-title">
      <div className="panel-head">
        <h2 id="notes-title">{t('notes.title')}</h2>
        <button type="button" onClick={onAddAtCurrent} title={t('notes.shortcutHint')}>
          {t('notes.add')} <kbd>N</kbd>
        </button>
      </div>
      {draft && (
        <NoteComposer
          draft={draft}
          label={t('notes.addAt', { time: formatTimecode(draft.startMs, i18n.language) })}
          onCancel={onDraftDone}
          onSave={async (d) => {
            try {
              await addNote({ startMs: Math.round(d.startMs), text: d.text, kind: d.kind });
              onDraftDone();
            } catch (err) {
              fail(err);
            }
          }}
        />
      )}
      {topLevel.length === 0 && !draft && <p className="muted empty-notes">{t('notes.empty')}</p>}
      <ol className="notes-list" aria-label={t('notes.title')}>
        {topLevel.map((note) =>
          editing === note.id ? (
            <li key={note.id}>
              <NoteComposer
                draft={{ startMs: note.startMs, text: note.text, kind: note.kind }}
                label={t('notes.edit')}
                onCancel={() => setEditing(null)}
                onSave={async (d) => {
                  try {
                    await updateNote({ id: note.id, text: d.text, kind: d.kind });
                    setEditing(null);
                  } catch (err) {
                    fail(err);
                  }
                }}
              />
            </li>
          ) : (
            <NoteItem
              key={note.id}
              note={note}
              onSeek={() => onSeek(note.startMs)}
              onEdit={() => setEditing(note.id)}
              onDelete={() => {
                if (window.confirm(t('notes.confirmDelete'))) deleteNote(note.id).catch(fail);
              }}
            />
          ),
        )}
      </ol>
    </section>
  );
}

function NoteItem({ note, onSeek, onEdit, onDelete }: { note: Note; onSeek(): void; onEdit(): void; onDelete(): void }) {
  const { t, i18n } = useTranslation();
  const time = formatTimecode(note.startMs, i18n.language);
  return (
    <li className={`note note-${note.kind}`}>
      <button type="button" className="note-seek" onClick={onSeek} aria-label={t('notes.seekTo', { time, text: note.text.slice(0, 80) })}>
        <span className="timecode">{time}</span>
        <span className={`kind-badge kind-${note.kind}`}>{t(`notes.kinds.${note.kind}`)}</span>
      </button>
      {/* User text is always rendered as text, never as HTML. */}
      <p className="note-text" dir="auto">
        {note.text}
      </p>
      {note.authorName && <p className="muted small-text">{note.authorName}</p>}
      <div className="note-actions">
        <button type="button" className="small ghost" onClick={onEdit} aria-label={`${t('notes.edit')} ${time}`}>
          {t('notes.edit')}
        </button>
        <button type="button" className="small ghost danger" onClick={onDelete} aria-label={`${t('notes.delete')} ${time}`}>
          {t('notes.delete')}
        </button>
      </div>
    </li>
  );
}
