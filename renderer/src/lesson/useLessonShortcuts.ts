import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodingScheme } from '../../../common/schemas/coding';
import { errorMessage } from '../lib/errors';
import { formatTimecode } from '../lib/format';
import { shortcutFor, type ShortcutAction } from '../lib/shortcuts';
import { adjacentNote } from '../lib/timeline';
import { isTypingTarget } from '../lib/typing';
import { localName } from '../store/coding';
import { useLesson } from '../store/lesson';
import { usePlayback } from '../store/playback';
import { useToasts } from '../store/toasts';
import { shownBy, useWorkspace } from '../store/workspace';

/**
 * The lesson page's keyboard: playback, notes and ranges, codes, undo, zoom and note-to-note jumps. Listens on
 * the window while the page is shown; returns the same actions for the page's buttons.
 */
export function useLessonShortcuts({
  playable,
  scheme,
  onStatus,
  onHelp,
}: {
  playable: boolean;
  scheme: CodingScheme | undefined;
  /** Said to screen readers in the page's live region. */
  onStatus(text: string): void;
  onHelp(): void;
}) {
  const { t, i18n } = useTranslation();
  const { notes, addNote, undo } = useLesson();
  const toast = useToasts((s) => s.show);
  const workspace = useWorkspace();
  const fmt = (ms: number) => formatTimecode(ms, i18n.language);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));

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
      .then(() => onStatus(t('coding.dropped', { name: localName(code, i18n.language), time: fmt(at) })))
      .catch(fail);
  };

  const run = (action: ShortcutAction) => {
    const playback = usePlayback.getState();
    if (playbackShortcut(action, playback)) return;
    const now = playback.nowMs();
    switch (action.name) {
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
        return onHelp();
      case 'cancel':
        return workspace.set(workspace.draft ? { draft: null } : { inMs: null });
      case 'undo':
        void undo()
          .then((kind) => onStatus(kind ? t(`notes.undone.${kind}`) : t('notes.nothingToUndo')))
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
        return onStatus(
          t('notes.jumpedTo', { time: fmt(target.startMs), text: target.text.slice(0, 80) || t(`notes.kinds.${target.kind}`) }),
        );
      }
    }
  };

  useShortcutKeys(run);

  return { run, openDraft, dropCode };
}

/** Runs `action` if it is one of the player's own (play, seek, step, speed); false if it is not. */
function playbackShortcut(action: ShortcutAction, playback: ReturnType<typeof usePlayback.getState>): boolean {
  switch (action.name) {
    case 'togglePlay':
      playback.toggle();
      return true;
    case 'back':
    case 'forward':
      playback.seekBy(action.name === 'back' ? -5000 : 5000);
      return true;
    case 'stepBack':
    case 'stepForward': {
      const direction = action.name === 'stepBack' ? -1 : 1;
      if (playback.playing) playback.seekBy(direction * 5000);
      else playback.stepFrame(direction);
      return true;
    }
    case 'slower':
    case 'faster':
      playback.changeSpeed(action.name === 'slower' ? -1 : 1);
      return true;
    default:
      return false;
  }
}

/** Runs the shortcut of each key pressed on the window, except while typing or behind an open dialog. */
function useShortcutKeys(run: (action: ShortcutAction) => void): void {
  // Subscribed again on every render, so the listener always sees this render's notes and workspace.
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
}
