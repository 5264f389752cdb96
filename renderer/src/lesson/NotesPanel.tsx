import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code } from '../../../common/schemas/coding';
import { noteKinds, type Note, type NoteKind } from '../../../common/schemas/note';
import { errorMessage } from '../lib/errors';
import { formatTimecode } from '../lib/format';
import { currentNoteIndex } from '../lib/timeline';
import { localName } from '../store/coding';
import { useLesson } from '../store/lesson';
import { usePlayback } from '../store/playback';
import { useToasts } from '../store/toasts';
import { shownBy, useWorkspace } from '../store/workspace';
import { NoteComposer } from './NoteComposer';
import { NoteItem } from './NoteItem';

interface Props {
  codes: Map<string, Code>;
  /** The active scheme's codes, offered in the composer. */
  schemeCodes: Code[];
  onAddAtCurrent(): void;
  onUndo(): void;
}

export function NotesPanel({ codes, schemeCodes, onAddAtCurrent, onUndo }: Props) {
  const { t, i18n } = useTranslation();
  const notes = useLesson((s) => s.notes);
  const lessonId = useLesson((s) => s.lesson?.id ?? '');
  const addNote = useLesson((s) => s.addNote);
  const canUndo = useLesson((s) => s.undoStack.length > 0);
  const { draft, inMs, follow, filters, set } = useWorkspace();
  const seek = usePlayback((s) => s.seek);
  const currentMs = usePlayback((s) => s.currentMs);
  const toast = useToasts((s) => s.show);
  const scroller = useRef<HTMLDivElement>(null);

  const { shown, replies, authors, usedCodes } = useMemo(() => {
    const replies = new Map<string, Note[]>();
    for (const n of notes) if (n.parentId) replies.set(n.parentId, [...(replies.get(n.parentId) ?? []), n]);
    const top = notes.filter((n) => n.parentId === null);
    return {
      shown: top.filter((n) => shownBy(filters, n)),
      replies,
      authors: [...new Set(notes.map((n) => n.authorName))].sort(),
      usedCodes: [...new Set(top.flatMap((n) => (n.codeId ? [n.codeId] : [])))].flatMap((id) => codes.get(id) ?? []),
    };
  }, [notes, filters, codes]);
  const current = currentNoteIndex(shown, currentMs);

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 96,
    overscan: 6,
    getItemKey: (i) => shown[i]!.id,
    useFlushSync: false,
  });

  // The list follows playback, unless the person is writing in it.
  useEffect(() => {
    const writing = document.activeElement?.tagName === 'TEXTAREA' && scroller.current?.contains(document.activeElement);
    if (follow && current >= 0 && !writing) virtualizer.scrollToIndex(current, { align: 'center' });
  }, [current, follow, virtualizer]);

  return (
    <section className="notes-panel" aria-labelledby="notes-title">
      <div className="panel-head">
        <h2 id="notes-title">
          {t('notes.title')} <span className="muted small-text">{new Intl.NumberFormat(i18n.language).format(shown.length)}</span>
        </h2>
        <span className="spacer" />
        <button type="button" className="small" onClick={onUndo} disabled={!canUndo} title={t('shortcuts.undo')}>
          {t('notes.undo')}
        </button>
        <button type="button" className="small" onClick={onAddAtCurrent} title={t('notes.shortcutHint')}>
          {t('notes.add')} <kbd>N</kbd>
        </button>
      </div>
      <div className="note-filters">
        <select
          value={filters.kind}
          aria-label={t('notes.filterKind')}
          onChange={(e) => set({ filters: { ...filters, kind: e.target.value as NoteKind | '' } })}
        >
          <option value="">{t('notes.allKinds')}</option>
          {noteKinds.map((k) => (
            <option key={k} value={k}>
              {t(`notes.kinds.${k}`)}
            </option>
          ))}
        </select>
        <select
          value={filters.code}
          aria-label={t('notes.filterCode')}
          onChange={(e) => set({ filters: { ...filters, code: e.target.value } })}
        >
          <option value="">{t('notes.allCodes')}</option>
          <option value="none">{t('notes.noCode')}</option>
          {usedCodes.map((c) => (
            <option key={c.id} value={c.id}>
              {localName(c, i18n.language)}
            </option>
          ))}
        </select>
        <select
          value={filters.author ?? '\u0000'}
          aria-label={t('notes.filterAuthor')}
          onChange={(e) => set({ filters: { ...filters, author: e.target.value === '\u0000' ? null : e.target.value } })}
        >
          <option value={'\u0000'}>{t('notes.allAuthors')}</option>
          {authors.map((a) => (
            <option key={a} value={a}>
              {a || t('notes.unnamed')}
            </option>
          ))}
        </select>
        <label className="inline-field small-text">
          <input type="checkbox" checked={follow} onChange={(e) => set({ follow: e.target.checked })} />
          {t('notes.follow')}
        </label>
      </div>
      <p className="muted small-text in-status" aria-live="polite">
        {inMs !== null ? t('notes.inPointSet', { time: formatTimecode(inMs, i18n.language) }) : ''}
      </p>
      {draft && (
        <NoteComposer
          draftKey={`note-new:${lessonId}:${draft.startMs}:${draft.endMs}`}
          draft={draft}
          codes={schemeCodes}
          label={
            draft.endMs !== null
              ? t('notes.addRange', {
                  start: formatTimecode(draft.startMs, i18n.language),
                  end: formatTimecode(draft.endMs, i18n.language),
                })
              : t('notes.addAt', { time: formatTimecode(draft.startMs, i18n.language) })
          }
          onCancel={() => set({ draft: null })}
          onSave={async (d) => {
            try {
              await addNote({
                startMs: Math.round(d.startMs),
                endMs: d.endMs === null ? null : Math.round(d.endMs),
                text: d.text,
                kind: d.kind,
                codeId: d.codeId,
              });
              set({ draft: null });
            } catch (err) {
              toast('error', errorMessage(t, err));
              throw err;
            }
          }}
        />
      )}
      {notes.length === 0 && !draft && <p className="muted empty-notes">{t('notes.empty')}</p>}
      <div className="notes-scroll" ref={scroller}>
        <ol className="notes-list" aria-label={t('notes.title')} style={{ blockSize: `${virtualizer.getTotalSize()}px` }}>
          {virtualizer.getVirtualItems().map((item) => {
            const note = shown[item.index]!;
            return (
              <li
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-setsize={shown.length}
                aria-posinset={item.index + 1}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <NoteItem
                  note={note}
                  replies={replies.get(note.id) ?? []}
                  code={note.codeId ? codes.get(note.codeId) : undefined}
                  codes={schemeCodes}
                  current={item.index === current}
                  onSeek={() => seek(note.startMs)}
                />
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}
