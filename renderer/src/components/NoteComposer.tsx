import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX_CHARS, noteKinds, type NoteKind } from '../../../common/schemas/note';
import { formatTimecode } from '../lib/format';

export interface NoteDraft {
  startMs: number;
  text: string;
  kind: NoteKind;
}

/** Enter saves, Shift+Enter starts a new line, Esc cancels. */
export function NoteComposer({ draft, onSave, onCancel, label }: { draft: NoteDraft; onSave(d: NoteDraft): Promise<void>; onCancel(): void; label: string }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(draft.text);
  const [kind, setKind] = useState<NoteKind>(draft.kind);
  const [saving, setSaving] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);

  const save = async () => {
    if (!text.trim() || saving) return;
    setSaving(true);
    try {
      await onSave({ ...draft, text: text.trim(), kind });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="note-composer"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="composer-head">
        <span className="timecode">{t('notes.at', { time: formatTimecode(draft.startMs, i18n.language) })}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as NoteKind)} aria-label={t('notes.kind')}>
          {noteKinds.map((k) => (
            <option key={k} value={k}>
              {t(`notes.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <textarea
        ref={area}
        dir="auto"
        value={text}
        maxLength={NOTE_MAX_CHARS}
        placeholder={t('notes.placeholder')}
        aria-label={t('notes.text')}
        rows={3}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      <div className="composer-actions">
        <button type="button" onClick={onCancel}>
          {t('notes.cancel')}
        </button>
        <button type="submit" className="primary" disabled={!text.trim() || saving}>
          {t('notes.save')}
        </button>
      </div>
    </form>
  );
}
