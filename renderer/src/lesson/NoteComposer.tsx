import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code } from '../../../common/schemas/coding';
import { NOTE_MAX_CHARS, noteKinds, type NoteKind } from '../../../common/schemas/note';
import { useDraftText } from '../lib/draft-text';
import { formatTimecode } from '../lib/format';
import { localName } from '../store/coding';
import { usePlayback } from '../store/playback';
import type { NoteDraft } from '../store/workspace';
import { DraftNotice } from '../ui/DraftNotice';

interface Props {
  /** What is edited, e.g. `note:<id>`, `reply:<parentId>`: what is typed is kept under it (see draft-text.ts). */
  draftKey: string;
  /** The saved value (for a new note or reply, what it starts from). */
  draft: NoteDraft;
  label: string;
  /** The codes offered; a reply has none and no kind either. */
  codes?: Code[];
  reply?: boolean;
  /** A saved note being edited: its start (and end) can be moved to where the video is. */
  retime?: boolean;
  /** Rejects when it did not save: what was typed is kept. */
  onSave(d: NoteDraft): Promise<void>;
  onCancel(): void;
}

/** Enter saves, Shift+Enter starts a new line, Esc cancels. */
export function NoteComposer({ draftKey, draft, label, codes = [], reply = false, retime = false, onSave, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  // What is typed outlives this composer: a sync that reloads the notes (or remounts the list) must not wipe it.
  const typed = useDraftText<NoteDraft>(draftKey, {
    startMs: draft.startMs,
    endMs: draft.endMs,
    text: draft.text,
    kind: draft.kind,
    codeId: draft.codeId,
  });
  const { startMs, endMs, text, kind, codeId } = typed.value;
  const edit = (patch: Partial<NoteDraft>) => typed.set({ ...typed.value, ...patch });
  const setStartMs = (v: number) => edit({ startMs: v });
  const setEndMs = (v: number) => edit({ endMs: v });
  const setText = (v: string) => edit({ text: v });
  const setKind = (v: NoteKind) => edit({ kind: v });
  const setCodeId = (v: string | null) => edit({ codeId: v });
  const playheadMs = Math.round(usePlayback((s) => s.currentMs));
  const [saving, setSaving] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);

  const rangeInvalid = endMs !== null && endMs <= startMs;
  const canSave = (text.trim() !== '' || (!reply && codeId !== null)) && !rangeInvalid && !saving;
  const save = async () => {
    if (!canSave) return;
    setSaving(true);
    const value = typed.value;
    // Marked before the call: the saved note can come back (as an event) before the call answers.
    typed.saved();
    try {
      await onSave({ ...draft, startMs, endMs, text: text.trim(), kind, codeId });
      typed.discard();
    } catch {
      typed.set(value);
    } finally {
      setSaving(false);
    }
  };
  const cancel = () => {
    typed.discard();
    onCancel();
  };
  const when =
    endMs !== null
      ? t('notes.range', { start: formatTimecode(startMs, i18n.language), end: formatTimecode(endMs, i18n.language) })
      : t('notes.at', { time: formatTimecode(startMs, i18n.language) });
  const playhead = formatTimecode(playheadMs, i18n.language);

  return (
    <form
      className={`note-composer${reply ? ' reply-composer' : ''}`}
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {!reply && (
        <div className="composer-head">
          <span className="timecode">{when}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as NoteKind)} aria-label={t('notes.kind')}>
            {noteKinds.map((k) => (
              <option key={k} value={k}>
                {t(`notes.kinds.${k}`)}
              </option>
            ))}
          </select>
          {codes.length > 0 && (
            <select value={codeId ?? ''} onChange={(e) => setCodeId(e.target.value || null)} aria-label={t('notes.code')}>
              <option value="">{t('notes.noCode')}</option>
              {codes.map((c) => (
                <option key={c.id} value={c.id}>
                  {`${c.key} · ${localName(c, i18n.language)}`}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
      <DraftNotice draft={typed} />
      {retime && (
        <div className="composer-retime">
          <button type="button" className="small" onClick={() => setStartMs(playheadMs)}>
            {t('notes.startAt', { time: playhead })}
          </button>
          {endMs !== null && (
            <button type="button" className="small" onClick={() => setEndMs(playheadMs)}>
              {t('notes.endAt', { time: playhead })}
            </button>
          )}
          {rangeInvalid && (
            <span className="error-text" role="alert">
              {t('errors.range_invalid')}
            </span>
          )}
        </div>
      )}
      <textarea
        ref={area}
        dir="auto"
        value={text}
        maxLength={NOTE_MAX_CHARS}
        placeholder={reply ? t('notes.replyPlaceholder') : t('notes.placeholder')}
        aria-label={reply ? t('notes.replyText') : t('notes.text')}
        rows={reply ? 2 : 3}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            cancel();
          }
        }}
      />
      <div className="composer-actions">
        <button type="button" onClick={cancel}>
          {t('notes.cancel')}
        </button>
        <button type="submit" className="primary" disabled={!canSave}>
          {reply ? t('notes.saveReply') : t('notes.save')}
        </button>
      </div>
    </form>
  );
}
