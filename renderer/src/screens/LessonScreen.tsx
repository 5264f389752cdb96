import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, studio } from '../bridge/studio';
import { AssetSizes } from '../components/AssetSizes';
import { CaptionTracks } from '../components/CaptionTracks';
import { ClipsPanel } from '../components/ClipsPanel';
import { CodingPanel } from '../components/CodingPanel';
import { DetailsForm } from '../components/DetailsForm';
import { LessonExportButton } from '../collections/LessonExportButton';
import { BackgroundWork } from '../components/BackgroundWork';
import { LessonTools } from '../components/LessonTools';
import { LessonSharing } from '../community/LessonSharing';
import { NotesPanel } from '../components/NotesPanel';
import { Player } from '../components/Player';
import { PreparationFailure } from '../components/PreparationFailure';
import { ReflectionPanel } from '../components/ReflectionPanel';
import { ShortcutHelp } from '../components/ShortcutHelp';
import { Tabs } from '../components/Tabs';
import { Timeline } from '../components/Timeline';
import { errorMessage } from '../lib/errors';
import { formatDate, formatTimecode } from '../lib/format';
import { shortcutFor, type ShortcutAction } from '../lib/shortcuts';
import { adjacentNote } from '../lib/timeline';
import { isTypingTarget } from '../lib/typing';
import { useCaptions } from '../store/captions';
import { useClips } from '../store/clips';
import { activeScheme, codesById, localName, useCoding } from '../store/coding';
import { useJobs } from '../store/jobs';
import { useLesson } from '../store/lesson';
import { usePlayback } from '../store/playback';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import { shownBy, useWorkspace } from '../store/workspace';
import { ReviewWorkbench } from '../review/ReviewWorkbench';
import { TalkCard } from '../talk/TalkCard';
import { TalkControls } from '../talk/TalkControls';
import { TalkLane } from '../talk/TalkLane';
import { BlurLane } from '../blur/BlurLane';
import { BlurOverlay } from '../blur/BlurOverlay';
import { BlurPanel } from '../blur/BlurPanel';
import '../annotation.css';
import { askConfirm } from '../store/confirm';

const tabs = ['notes', 'clips', 'reflection', 'details', 'talk', 'blur'] as const;

export function LessonScreen({ id, atMs, clipId }: { id: string; atMs?: number | undefined; clipId?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const { lesson, notes, error, open, addNote, undo } = useLesson();
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
  const fmt = (ms: number) => formatTimecode(ms, i18n.language);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  const playable = Boolean(lesson?.playbackAssetId);

  const openDraft = (startMs: number, endMs: number | null) => {
    usePlayback.getState().video?.pause();
    workspace.set({
      tab: 'notes',
      draft: { startMs, endMs, text: '', kind: 'observation', codeId: null },
      ...(endMs !== null ? { lastRange: { startMs, endMs } } : {}),
    });
  };
  const dropCode = (key: number) => {
    const code = scheme?.codes.find((c) => c.key === key);
    if (!code || !playable) return;
    // Coding happens while watching: the video keeps playing.
    const at = usePlayback.getState().nowMs();
    addNote({ startMs: at, codeId: code.id, text: '', kind: 'observation' })
      .then(() => setStatus(t('coding.dropped', { name: localName(code, i18n.language), time: fmt(at) })))
      .catch(fail);
  };

  const run = (action: ShortcutAction) => {
    const playback = usePlayback.getState();
    const now = playback.nowMs();
    switch (action.name) {
      case 'togglePlay':
        return playback.toggle();
      case 'back':
        return playback.seekBy(-5000);
      case 'forward':
        return playback.seekBy(5000);
      case 'stepBack':
      case 'stepForward': {
        const direction = action.name === 'stepBack' ? -1 : 1;
        return playback.playing ? playback.seekBy(direction * 5000) : playback.stepFrame(direction);
      }
      case 'slower':
        return playback.changeSpeed(-1);
      case 'faster':
        return playback.changeSpeed(1);
      case 'note':
        return playable && openDraft(now, null);
      case 'markIn':
        workspace.set({ inMs: now });
        return;
      case 'markOut':
        if (workspace.inMs === null) return toast('error', t('notes.needInPoint'));
        if (now <= workspace.inMs) return toast('error', t('errors.range_invalid'));
        openDraft(workspace.inMs, now);
        workspace.set({ inMs: null });
        return;
      case 'code':
        return dropCode(action.key);
      case 'help':
        return setHelp(true);
      case 'cancel':
        return workspace.set(workspace.draft ? { draft: null } : { inMs: null });
      case 'undo':
        void undo()
          .then((kind) => setStatus(kind ? t(`notes.undone.${kind}`) : t('notes.nothingToUndo')))
          .catch(fail);
        return;
      case 'zoomIn':
        return workspace.zoomBy(1);
      case 'zoomOut':
        return workspace.zoomBy(-1);
      case 'previousNote':
      case 'nextNote': {
        const direction = action.name === 'previousNote' ? -1 : 1;
        const shown = notes.filter((n) => n.parentId === null && shownBy(workspace.filters, n));
        const target = adjacentNote(shown, now, direction);
        // Said where it can be seen: the playhead did not move, and a sighted person should know why.
        if (!target) return toast('info', t(direction === 1 ? 'notes.noNoteAfter' : 'notes.noNoteBefore'));
        playback.seek(target.startMs);
        return setStatus(
          t('notes.jumpedTo', { time: fmt(target.startMs), text: target.text.slice(0, 80) || t(`notes.kinds.${target.kind}`) }),
        );
      }
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Shortcuts never fire while typing, nor behind an open dialog.
      if (e.defaultPrevented || isTypingTarget(e.target) || document.querySelector('dialog[open]')) return;
      const action = shortcutFor(e);
      if (!action) return;
      e.preventDefault();
      run(action);
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
  if (!lesson || !ready) return <p className="muted">{t('common.loading')}</p>;

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
            call('lessons.delete', { id: lesson.id })
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
                src={studio.mediaUrl(lesson.playbackAssetId)}
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
