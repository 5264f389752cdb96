import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AssetSizes } from './AssetSizes';
import { CaptionTracks } from './CaptionTracks';
import { ClipsPanel } from './ClipsPanel';
import { CodingPanel } from './CodingPanel';
import { DetailsForm } from './DetailsForm';
import { LessonExportButton } from '../collections/LessonExportButton';
import { BackgroundWork } from './BackgroundWork';
import { LessonTools } from './LessonTools';
import { LessonSharing } from '../community/LessonSharing';
import { NotesPanel } from './NotesPanel';
import { Player } from './Player';
import { PreparationFailure } from './PreparationFailure';
import { ReflectionPanel } from './ReflectionPanel';
import { ShortcutHelp } from './ShortcutHelp';
import { Tabs } from '../ui/Tabs';
import { Timeline } from './Timeline';
import { useLessonShortcuts } from './useLessonShortcuts';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';
import { useCaptions } from '../store/captions';
import { useClips } from '../store/clips';
import { activeScheme, codesById, useCoding } from '../store/coding';
import { useJobs } from '../store/jobs';
import { useLesson } from '../store/lesson';
import { usePlayback } from '../store/playback';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import { useWorkspace } from '../store/workspace';
import { ReviewWorkbench } from '../review/ReviewWorkbench';
import { TalkCard } from '../talk/TalkCard';
import { TalkControls } from '../talk/TalkControls';
import { TalkLane } from '../talk/TalkLane';
import { BlurLane } from '../blur/BlurLane';
import { BlurOverlay } from '../blur/BlurOverlay';
import { BlurPanel } from '../blur/BlurPanel';
import './annotation.css';
import { askConfirm } from '../store/confirm';
import { mediaUrl } from '../lib/shell';
import { lessonActions } from '../library/actions';

const tabs = ['notes', 'clips', 'reflection', 'details', 'talk', 'blur'] as const;

export function LessonScreen({ id, atMs, clipId }: { id: string; atMs?: number | undefined; clipId?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const { lesson, notes, error, open } = useLesson();
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const allJobs = useJobs((s) => s.jobs);
  const jobs = useMemo(
    () => Object.values(allJobs).filter((j) => j.lessonId === id && j.status !== 'done' && j.kind !== 'clip'),
    [allJobs, id],
  );
  const coding = useCoding();
  const tracks = useCaptions((s) => s.tracks);
  const workspace = useWorkspace();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [mediaMs, setMediaMs] = useState(0);
  const [help, setHelp] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => {
    useWorkspace.getState().reset();
    void open(id);
    void useCoding.getState().load(id);
    void useClips.getState().load(id);
    void useCaptions.getState().load(id);
  }, [id, open]);

  // The workspace appears whole, codes included: drawing thousands of markers twice would cost more than the wait.
  const ready = lesson?.id === id && coding.loaded && coding.lessonId === id;
  useEffect(() => {
    if (ready && atMs !== undefined && videoRef.current) usePlayback.getState().seek(atMs);
  }, [atMs, lesson?.playbackAssetId, ready]);
  // A clip found by search opens among the clips, where it can be played, renamed or exported.
  useEffect(() => {
    if (ready && clipId) useWorkspace.getState().set({ tab: 'clips' });
  }, [clipId, ready]);

  const codes = useMemo(() => codesById(coding.schemes), [coding.schemes]);
  const scheme = activeScheme(coding);
  const durationMs = lesson?.durationMs || mediaMs;
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  const playable = Boolean(lesson?.playbackAssetId);

  const { run, openDraft, dropCode } = useLessonShortcuts({
    playable,
    scheme,
    onStatus: setStatus,
    onHelp: () => setHelp(true),
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
  if (!lesson || !ready) return <p className="muted">{t('common.loading')}</p>;

  const poster = lesson.posterAssetId ? mediaUrl(lesson.posterAssetId) : undefined;
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
      </div>
      <div className="lesson-toolbar">
        <LessonTools lessonId={lesson.id} />
        <LessonExportButton lesson={lesson} />
        <LessonSharing lesson={lesson} onChanged={() => void useLesson.getState().refresh()} />
        <span className="spacer" />
        <button type="button" className="small ghost" onClick={() => setHelp(true)}>
          {t('shortcuts.title')} <kbd>?</kbd>
        </button>
        <button
          type="button"
          className="small ghost danger"
          // A lesson from someone else's share leaves by unsharing, which only its owner or a lead may do.
          disabled={lesson.shared?.origin === 'hub' && !lesson.shared.mine}
          onClick={async () => {
            if (!(await askConfirm({ message: t('lesson.confirmDelete', { title: lesson.title }), confirmLabel: t('lesson.delete') })))
              return;
            lessonActions
              .delete({ id: lesson.id })
              .then(() => go({ name: 'library' }))
              .catch(fail);
          }}
        >
          {t('lesson.delete')}
        </button>
      </div>
      <div className="lesson-body">
        <div className="lesson-main">
          {lesson.playbackAssetId ? (
            <div className="blur-host">
              <Player
                src={mediaUrl(lesson.playbackAssetId)}
                poster={poster}
                videoRef={videoRef}
                durationMs={lesson.durationMs}
                tracks={tracks}
                onMediaDuration={(ms) => Number.isFinite(ms) && setMediaMs(ms)}
              />
              {workspace.tab === 'blur' && <BlurOverlay lessonId={lesson.id} />}
            </div>
          ) : (
            <div className="player-placeholder">
              {poster && <img src={poster} alt="" />}
              {lesson.status === 'failed' ? (
                <PreparationFailure errorCode={lesson.errorCode} />
              ) : (
                <p>{lesson.shared?.origin === 'hub' ? t('share.notDownloaded') : t('lesson.processingBody')}</p>
              )}
            </div>
          )}
          {playable && durationMs > 0 && (
            <Timeline lesson={lesson} durationMs={durationMs} notes={notes} codes={codes} onRange={(start, end) => openDraft(start, end)}>
              <TalkLane lessonId={lesson.id} durationMs={durationMs} />
              <BlurLane lessonId={lesson.id} durationMs={durationMs} />
            </Timeline>
          )}
          {playable && durationMs > 0 && <TalkControls lessonId={lesson.id} />}
          {playable && durationMs > 0 && <CodingPanel notes={notes} durationMs={durationMs} onCode={dropCode} />}
          {jobs.length > 0 && <BackgroundWork jobs={jobs} />}
          <ReviewWorkbench lessonId={lesson.id} />
        </div>
        <aside className="lesson-side">
          <Tabs
            label={t('lesson.panels')}
            idPrefix="lesson"
            tabs={tabs.map((tab) => ({ id: tab, label: t(`lesson.tabs.${tab}`) }))}
            selected={workspace.tab}
            onSelect={(tab) => workspace.set({ tab })}
          >
            {workspace.tab === 'notes' && (
              <NotesPanel
                codes={codes}
                schemeCodes={scheme?.codes ?? []}
                onAddAtCurrent={() => run({ name: 'note' })}
                onUndo={() => run({ name: 'undo' })}
              />
            )}
            {workspace.tab === 'clips' && <ClipsPanel />}
            {workspace.tab === 'reflection' && <ReflectionPanel lessonId={lesson.id} />}
            {workspace.tab === 'talk' && <TalkCard lessonId={lesson.id} />}
            {workspace.tab === 'blur' && <BlurPanel lessonId={lesson.id} />}
            {workspace.tab === 'details' && (
              <>
                <DetailsForm key={lesson.id} lesson={lesson} />
                <CaptionTracks />
                <h3>{t('lesson.media')}</h3>
                <AssetSizes assets={lesson.assets} />
              </>
            )}
          </Tabs>
        </aside>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </section>
  );
}
