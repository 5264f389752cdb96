import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, studio } from '../bridge/studio';
import { AssetSizes } from '../components/AssetSizes';
import { DetailsForm } from '../components/DetailsForm';
import { JobRow } from '../components/JobRow';
import { NotesPanel } from '../components/NotesPanel';
import type { NoteDraft } from '../components/NoteComposer';
import { Player } from '../components/Player';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';
import { isTypingTarget } from '../lib/typing';
import { useJobs } from '../store/jobs';
import { useLesson } from '../store/lesson';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';

export function LessonScreen({ id, atMs }: { id: string; atMs?: number | undefined }) {
  const { t, i18n } = useTranslation();
  const { lesson, error, open } = useLesson();
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const allJobs = useJobs((s) => s.jobs);
  const jobs = useMemo(() => Object.values(allJobs).filter((j) => j.lessonId === id && j.status !== 'done'), [allJobs, id]);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [draft, setDraft] = useState<NoteDraft | null>(null);
  const [tab, setTab] = useState<'notes' | 'details'>('notes');

  useEffect(() => {
    void open(id);
  }, [id, open]);

  useEffect(() => {
    if (atMs !== undefined && videoRef.current) videoRef.current.currentTime = atMs / 1000;
  }, [atMs, lesson?.playbackAssetId]);

  const startNote = () => {
    const v = videoRef.current;
    if (!v || !lesson?.playbackAssetId) return;
    v.pause();
    setTab('notes');
    setDraft({ startMs: v.currentTime * 1000, text: '', kind: 'observation' });
  };
  const seek = (ms: number) => {
    const v = videoRef.current;
    if (v) v.currentTime = ms / 1000;
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const v = videoRef.current;
      if (!v) return;
      switch (e.key) {
        case ' ':
        case 'k':
        case 'K':
          e.preventDefault();
          if (v.paused) void v.play();
          else v.pause();
          break;
        case 'n':
        case 'N':
          e.preventDefault();
          startNote();
          break;
        case 'ArrowLeft':
        case 'j':
        case 'J':
          e.preventDefault();
          v.currentTime = Math.max(0, v.currentTime - 5);
          break;
        case 'ArrowRight':
        case 'l':
        case 'L':
          e.preventDefault();
          v.currentTime = Math.min(v.duration || Infinity, v.currentTime + 5);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (error) {
    return (
      <section className="lesson-missing">
        <p>{errorMessage(t, error)}</p>
        <button type="button" onClick={() => go({ name: 'library' })}>
          {t('nav.back')}
        </button>
      </section>
    );
  }
  if (!lesson || lesson.id !== id) return <p className="muted">{t('common.loading')}</p>;

  const poster = lesson.posterAssetId ? studio.mediaUrl(lesson.posterAssetId) : undefined;
  return (
    <section className="lesson" aria-labelledby="lesson-title">
      <div className="lesson-head">
        <button type="button" className="ghost" onClick={() => go({ name: 'library' })}>
          <span className="flip-rtl" aria-hidden="true">
            ←
          </span>{' '}
          {t('nav.back')}
        </button>
        <h1 id="lesson-title" dir="auto">
          {lesson.title}
        </h1>
        <span className="muted">{t('lesson.recordedOn', { date: formatDate(lesson.createdAt, i18n.language) })}</span>
        <span className="spacer" />
        <button
          type="button"
          className="ghost danger"
          onClick={() => {
            if (!window.confirm(t('lesson.confirmDelete', { title: lesson.title }))) return;
            call('lessons.delete', { id: lesson.id })
              .then(() => go({ name: 'library' }))
              .catch((err: unknown) => toast('error', errorMessage(t, err)));
          }}
        >
          {t('lesson.delete')}
        </button>
      </div>
      <div className="lesson-body">
        <div className="lesson-main">
          {lesson.playbackAssetId ? (
            <Player src={studio.mediaUrl(lesson.playbackAssetId)} poster={poster} videoRef={videoRef} durationMs={lesson.durationMs} />
          ) : (
            <div className="player-placeholder">
              {poster && <img src={poster} alt="" />}
              <p>{lesson.status === 'failed' ? t('lesson.failedBody', { reason: t(`errors.${lesson.errorCode ?? 'media_failed'}`) }) : t('lesson.processingBody')}</p>
            </div>
          )}
          {jobs.length > 0 && (
            <ul className="lesson-jobs">
              {jobs.map((job) => (
                <JobRow key={job.id} job={job} onCancel={() => void call('jobs.cancel', { id: job.id })} onRetry={() => void call('jobs.retry', { id: job.id })} />
              ))}
            </ul>
          )}
        </div>
        <aside className="lesson-side">
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'notes'} onClick={() => setTab('notes')}>
              {t('lesson.tabNotes')}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'details'} onClick={() => setTab('details')}>
              {t('lesson.tabDetails')}
            </button>
          </div>
          {tab === 'notes' ? (
            <NotesPanel draft={draft} onDraftDone={() => setDraft(null)} onSeek={seek} onAddAtCurrent={startNote} />
          ) : (
            <>
              <DetailsForm key={lesson.id} lesson={lesson} />
              <h3>{t('lesson.media')}</h3>
              <AssetSizes assets={lesson.assets} />
            </>
          )}
        </aside>
      </div>
    </section>
  );
}
