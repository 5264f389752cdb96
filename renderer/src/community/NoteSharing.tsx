import { useTranslation } from 'react-i18next';
import type { Note } from '../../../common/schemas/note';
import { withBdi } from '../lib/bidi';
import { errorMessage } from '../lib/errors';
import { useLesson } from '../store/lesson';
import { useToasts } from '../store/toasts';

/**
 * On a shared lesson, whether one of the person's notes stays on this device or goes to the
 * community, with the switch. Replies follow their note, so only notes carry it.
 */
export function NoteSharing({ note, mine }: { note: Note; mine: boolean }) {
  const { t } = useTranslation();
  const shared = useLesson((s) => s.lesson?.shared ?? null);
  const archive = useLesson((s) => s.lesson?.origin === 'archive');
  const updateNote = useLesson((s) => s.updateNote);
  const toast = useToasts((s) => s.show);
  // On a package's lesson the person's notes are theirs alone: no community to share them with.
  if (archive && mine && note.parentId === null)
    return <span className="note-visibility note-private note-yours">{t('share.noteYours')}</span>;
  if (!shared || !mine || note.parentId !== null) return null;
  // A review draft's note goes to the teacher with the review, never on its own.
  if (note.inReviewDraft) return <span className="note-visibility note-private">{t('share.noteInReviewDraft')}</span>;
  return (
    <>
      <span className={`note-visibility${note.private ? ' note-private' : ''}`}>
        {note.private ? t('share.notePrivate') : withBdi(t, 'share.noteShared', { community: shared.communityName })}
      </span>
      <button
        type="button"
        className="small ghost"
        onClick={() => updateNote({ id: note.id, private: !note.private }).catch((err: unknown) => toast('error', errorMessage(t, err)))}
      >
        {note.private ? t('share.shareNote') : t('share.keepNotePrivate')}
      </button>
    </>
  );
}
