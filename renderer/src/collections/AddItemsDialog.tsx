import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clip } from '../../../common/schemas/clip';
import type { Collection } from '../../../common/schemas/collection';
import type { LessonSummary } from '../../../common/schemas/lesson';
import { errorMessage } from '../lib/errors';
import { formatTimecode } from '../lib/format';
import { collectionLookups, useCollectionMutations } from './mutations';
import { useModalDialog } from '../ui/useModalDialog';

/**
 * Picks lessons and clips from the library. A published collection takes only lessons shared in its
 * community; the core refuses the others and says which.
 */
export function AddItemsDialog({ collection, onClose }: { collection: Collection; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const [query, setQuery] = useState('');
  const [lessons, setLessons] = useState<LessonSummary[]>([]);
  const [status, setStatus] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => {
      void collectionLookups.lessons(query).then((page) => setLessons(page.items));
    }, 150);
    return () => clearTimeout(timer);
  }, [query]);

  const shown = collection.communityId ? lessons.filter((l) => l.shared?.communityId === collection.communityId) : lessons;

  return (
    <dialog ref={dialog} className="collection-dialog add-items" aria-labelledby="add-items-title" onClose={onClose}>
      <h2 id="add-items-title">{t('collections.addItems')}</h2>
      {collection.communityId && (
        <p className="muted small-text">{t('collections.sharedOnly', { community: collection.communityName ?? '' })}</p>
      )}
      <input
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('library.search')}
        aria-label={t('library.search')}
        autoFocus
      />
      <ul className="pick-list">
        {shown.map((lesson) => (
          <LessonPick key={lesson.id} lesson={lesson} collectionId={collection.id} onAdded={setStatus} />
        ))}
      </ul>
      {shown.length === 0 && <p className="muted">{t('collections.nothingToAdd')}</p>}
      <p className="muted" aria-live="polite">
        {status}
      </p>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}

function LessonPick({ lesson, collectionId, onAdded }: { lesson: LessonSummary; collectionId: string; onAdded(message: string): void }) {
  const { t, i18n } = useTranslation();
  const { addItem } = useCollectionMutations();
  const [clips, setClips] = useState<Clip[] | null>(null);
  const add = async (range: { startMs: number; endMs: number; title: string } | null, name: string) => {
    try {
      await addItem({ collectionId, lessonId: lesson.id, ...(range ?? {}) });
      onAdded(t('collections.added', { title: name }));
    } catch (err) {
      onAdded(errorMessage(t, err));
    }
  };

  return (
    <li className="pick">
      <div className="pick-head">
        <span dir="auto" className="pick-title">
          {lesson.title}
        </span>
        <button
          type="button"
          className="small"
          onClick={() => void add(null, lesson.title)}
          aria-label={t('collections.addLessonOf', { title: lesson.title })}
        >
          {t('collections.addLesson')}
        </button>
        <button
          type="button"
          className="small ghost"
          aria-expanded={clips !== null}
          onClick={() => (clips ? setClips(null) : void collectionLookups.clips(lesson.id).then(setClips))}
          aria-label={t('collections.clipsOf', { title: lesson.title })}
        >
          {t('collections.clips')}
        </button>
      </div>
      {clips && (
        <ul className="pick-clips">
          {clips.length === 0 && <li className="muted small-text">{t('collections.noClips')}</li>}
          {clips.map((clip) => {
            const range = t('collections.range', {
              start: formatTimecode(clip.startMs, i18n.language),
              end: formatTimecode(clip.endMs, i18n.language),
            });
            return (
              <li key={clip.id}>
                <span className="timecode">{range}</span> <span dir="auto">{clip.name}</span>
                <button
                  type="button"
                  className="small"
                  onClick={() => void add({ startMs: clip.startMs, endMs: clip.endMs, title: clip.name }, clip.name)}
                  aria-label={t('collections.addClipOf', { title: clip.name, range })}
                >
                  {t('collections.addClip')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}
