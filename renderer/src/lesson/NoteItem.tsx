import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code } from '../../../common/schemas/coding';
import type { Note } from '../../../common/schemas/note';
import { isDrafting, useDrafting, useDraftTexts } from '../lib/draft-text';
import { errorMessage } from '../lib/errors';
import { excerpt } from '../lib/excerpt';
import { formatDate, formatTimecode } from '../lib/format';
import { useClips } from '../store/clips';
import { localName } from '../store/coding';
import { useLesson } from '../store/lesson';
import { useToasts } from '../store/toasts';
import { NoteSharing } from '../community/NoteSharing';
import { useNoteRights } from '../community/noteRights';
import { KindIcon } from '../ui/KindIcon';
import { NoteComposer } from './NoteComposer';

interface Props {
  note: Note;
  replies: Note[];
  code: Code | undefined;
  codes: Code[];
  current: boolean;
  onSeek(): void;
}

/** One note with its thread. User text is always rendered as text, never as HTML. */
export function NoteItem({ note, replies, code, codes, current, onSeek }: Props) {
  const { t, i18n } = useTranslation();
  const { addNote, updateNote, deleteNote } = useLesson();
  const addClip = useClips((s) => s.add);
  const toast = useToasts((s) => s.show);
  const [editingNow, setEditing] = useState<string | null>(null);
  const [replyingNow, setReplying] = useState(false);
  // An editor with unsaved text stays open when a sync remounts this note (the text itself is kept in draft-text.ts).
  const drafted = useDraftTexts((s) => [note, ...replies].find((n) => isDrafting(s.entries, `note:${n.id}`))?.id ?? null);
  const editing = editingNow ?? drafted;
  const replying = useDrafting(`reply:${note.id}`) || replyingNow;
  const rightsOf = useNoteRights();
  const rights = rightsOf(note);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));

  const time = formatTimecode(note.startMs, i18n.language);
  const span = note.endMs !== null ? t('notes.range', { start: time, end: formatTimecode(note.endMs, i18n.language) }) : time;
  const codeName = code ? localName(code, i18n.language) : null;
  const summary = (note.text || codeName || '').slice(0, 80);
  // Two notes at the same second must not share their buttons' names: the text (or its author) tells them apart.
  const named = { time, text: excerpt(note.text || codeName || note.authorName || t(`notes.kinds.${note.kind}`)) };
  const replyNamed = (r: Note) => ({ author: r.authorName || t('notes.unnamed'), text: excerpt(r.text) });

  if (editing === note.id) {
    return (
      <NoteComposer
        draftKey={`note:${note.id}`}
        draft={{ startMs: note.startMs, endMs: note.endMs, text: note.text, kind: note.kind, codeId: note.codeId }}
        codes={codes}
        label={t('notes.edit')}
        retime
        onCancel={() => setEditing(null)}
        onSave={async (d) => {
          try {
            await updateNote({ id: note.id, startMs: d.startMs, endMs: d.endMs, text: d.text, kind: d.kind, codeId: d.codeId });
            setEditing(null);
          } catch (err) {
            fail(err);
            throw err;
          }
        }}
      />
    );
  }

  return (
    <article
      className={`note note-${note.kind}${current ? ' current' : ''}`}
      aria-current={current ? 'true' : undefined}
      data-note-id={note.id}
    >
      <div className="note-head">
        <button type="button" className="note-seek" onClick={onSeek} aria-label={t('notes.seekTo', { time, text: summary })}>
          <span className="timecode">{span}</span>
          <span className={`kind-badge kind-${note.kind}`}>
            <KindIcon kind={note.kind} />
            {t(`notes.kinds.${note.kind}`)}
          </span>
        </button>
        {code && (
          <span className="code-chip" style={{ borderColor: code.color }}>
            <span className="swatch" style={{ backgroundColor: code.color }} aria-hidden="true" />
            {codeName}
          </span>
        )}
      </div>
      {note.text && (
        <p className="note-text" dir="auto">
          {note.text}
        </p>
      )}
      {note.authorName && <p className="muted small-text">{note.authorName}</p>}
      <div className="note-actions">
        <NoteSharing note={note} mine={rights.mine} />
        <button type="button" className="small ghost" onClick={() => setReplying(true)} aria-label={t('notes.replyToOf', named)}>
          {t('notes.reply')}
        </button>
        {note.endMs !== null && (
          <button
            type="button"
            className="small ghost"
            aria-label={t('clips.saveNoteAsClip', named)}
            onClick={() =>
              addClip({ name: (note.text || codeName || span).slice(0, 200), startMs: note.startMs, endMs: note.endMs! })
                .then(() => toast('info', t('clips.saved')))
                .catch(fail)
            }
          >
            {t('clips.saveAsClip')}
          </button>
        )}
        <button
          type="button"
          className="small ghost"
          disabled={!rights.edit}
          onClick={() => setEditing(note.id)}
          aria-label={t('notes.editOf', named)}
        >
          {t('notes.edit')}
        </button>
        <button
          type="button"
          className="small ghost danger"
          disabled={!rights.remove}
          onClick={() => deleteNote(note.id).catch(fail)}
          aria-label={t('notes.deleteOf', named)}
        >
          {t('notes.delete')}
        </button>
      </div>
      {(replies.length > 0 || replying) && (
        <ol className="replies" aria-label={t('notes.replies', { time })}>
          {replies.map((r) =>
            editing === r.id ? (
              <li key={r.id}>
                <NoteComposer
                  reply
                  draftKey={`note:${r.id}`}
                  draft={{ startMs: r.startMs, endMs: r.endMs, text: r.text, kind: r.kind, codeId: null }}
                  label={t('notes.editReply')}
                  onCancel={() => setEditing(null)}
                  onSave={async (d) => {
                    try {
                      await updateNote({ id: r.id, text: d.text });
                      setEditing(null);
                    } catch (err) {
                      fail(err);
                      throw err;
                    }
                  }}
                />
              </li>
            ) : (
              <li key={r.id} className="reply" data-note-id={r.id}>
                <p className="note-text" dir="auto">
                  {r.text}
                </p>
                <div className="reply-foot">
                  <span className="reply-byline muted small-text">
                    <span dir="auto">{r.authorName || t('notes.unnamed')}</span>
                    <time dateTime={new Date(r.createdAt).toISOString()}>{formatDate(r.createdAt, i18n.language)}</time>
                  </span>
                  <span className="spacer" />
                  <button
                    type="button"
                    className="small ghost"
                    disabled={!rightsOf(r).edit}
                    onClick={() => setEditing(r.id)}
                    aria-label={t('notes.editReplyOf', replyNamed(r))}
                  >
                    {t('notes.editReply')}
                  </button>
                  <button
                    type="button"
                    className="small ghost danger"
                    disabled={!rightsOf(r).remove}
                    onClick={() => deleteNote(r.id).catch(fail)}
                    aria-label={t('notes.deleteReplyOf', replyNamed(r))}
                  >
                    {t('notes.deleteReply')}
                  </button>
                </div>
              </li>
            ),
          )}
          {replying && (
            <li>
              <NoteComposer
                reply
                draftKey={`reply:${note.id}`}
                draft={{ startMs: note.startMs, endMs: note.endMs, text: '', kind: note.kind, codeId: null }}
                label={t('notes.replyTo', { time })}
                onCancel={() => setReplying(false)}
                onSave={async (d) => {
                  try {
                    await addNote({ parentId: note.id, startMs: note.startMs, text: d.text, kind: note.kind });
                    setReplying(false);
                  } catch (err) {
                    fail(err);
                    throw err;
                  }
                }}
              />
            </li>
          )}
        </ol>
      )}
    </article>
  );
}
