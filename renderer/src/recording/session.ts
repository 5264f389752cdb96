import i18next from 'i18next';
import { create } from 'zustand';
import type { StudioCallError } from '../../../common/contract';
import type { RecordingResolution } from '../../../common/schemas/recording';
import { call, studio } from '../bridge/studio';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';
import { useRoute } from '../store/route';
import { useSettings } from '../store/settings';
import { useToasts } from '../store/toasts';
import { composeTracks, openPreferredInputs, startCapture, stopCapture, type Capture, type CaptureChoice } from './capture';
import {
  COUNTDOWN_S,
  countdownTick,
  limitMs,
  limitReached,
  stopNotice,
  transition,
  type SessionEvent,
  type StopReason,
} from './session-machine';
import { cleared, type RecordingState } from './session-state';
import { mediaProblem, openScreen, recorderMime, screenProblem, stopStream } from './sources';

export type { Phase } from './session-machine';

const CLOCK_MS = 250;

// The recording session's store: it asks the state machine (`session-machine.ts`) before each change of
// phase, and has `capture.ts` open, start and stop the devices, the recorder and the uploader.

type Active = Capture & { clock: ReturnType<typeof setInterval> };

let active: Active | null = null;
let pending: CaptureChoice | null = null;
let countdownTimer: ReturnType<typeof setInterval> | undefined;
/** Opening devices takes a moment; only the latest request may hand its streams over. */
let openGeneration = 0;

const t = i18next.t.bind(i18next);
const toast = (kind: 'info' | 'error', text: string) => useToasts.getState().show(kind, text);
const toastError = (err: unknown) => toast('error', errorMessage(t, err));
const get = () => useRecording.getState();
const set = (partial: Partial<RecordingState>) => useRecording.setState(partial);

// Closing the tab mid-recording loses only the last second, but the browser should still ask first.
// (Electron would close the window without asking; there the part file is offered back on the next start.)
const confirmLeave = (e: BeforeUnloadEvent) => e.preventDefault();

/** Moves to the phase `event` leads to; false (and nothing changes) when the event means nothing now. */
function move(event: SessionEvent, also: Partial<RecordingState> = {}): boolean {
  const phase = transition(get().phase, event);
  if (phase) set({ ...also, phase });
  return phase !== null;
}

function release(): void {
  stopStream(get().inputs);
  stopStream(get().screen);
  set({ inputs: null, screen: null });
  window.removeEventListener('beforeunload', confirmLeave);
}

/** Ends the running recording (if the phase allows it): stops the capture, lets the devices go. */
async function endActive(): Promise<Active | null> {
  const a = active;
  if (!a || !move('stop')) return null;
  clearInterval(a.clock);
  await stopCapture(a);
  active = null;
  release();
  return a;
}

async function finish(reason: StopReason, failure?: StudioCallError): Promise<void> {
  const durationMs = active ? Math.round(active.recorder.elapsedMs()) : 0;
  const a = await endActive();
  if (!a) return;
  const title = get().title.trim() || t('record.defaultTitle', { date: formatDate(Date.now(), i18next.language) });
  try {
    const lesson = await call('recording.stop', { id: a.id, durationMs, title });
    move('stopped', { title: '', ...cleared });
    const notice = stopNotice(reason);
    if (reason === 'failed')
      toast('error', t('record.stoppedByFailure', { reason: failure ? errorMessage(t, failure) : t('errors.internal') }));
    else if (notice) toast(notice.kind, t(notice.key));
    if (useRoute.getState().route.name === 'record') useRoute.getState().go({ name: 'lesson', id: lesson.id });
  } catch (err) {
    move('stopped', cleared);
    toast('error', t('record.stopFailed', { reason: errorMessage(t, err) }));
  }
}

async function startRecording(): Promise<void> {
  const { inputs, screen } = get();
  const o = pending;
  pending = null;
  // No pending set-up: a start is already under way, or the countdown was cancelled.
  if (!o) return;
  const mime = recorderMime();
  if (!inputs || (o.mode !== 'camera' && !screen) || !mime) {
    move('failed');
    set({ problem: mime ? null : { kind: 'failed', source: 'inputs' } });
    return;
  }
  const tracks = composeTracks(o, inputs, screen);
  const { deviceLabel, width, height } = tracks;
  let id: string;
  try {
    ({ id } = await call('recording.start', {
      mode: o.mode,
      deviceLabel: deviceLabel.slice(0, 300),
      resolution: o.resolution,
      mime,
      width,
      height,
    }));
  } catch (err) {
    tracks.compositor?.stop();
    move('failed');
    toastError(err);
    return;
  }
  // Cancelled while the core opened the part file: let that file go rather than record after all.
  if (get().phase !== 'countdown') {
    tracks.compositor?.stop();
    await call('recording.discard', { id }).catch(toastError);
    return;
  }
  const capture = startCapture(id, { ...o, mime }, tracks, (reason, err) => void finish(reason, err));
  const clock = setInterval(() => {
    const now = performance.now();
    const elapsedMs = capture.recorder.elapsedMs(now);
    set({ elapsedMs, pausedForMs: capture.recorder.pausedForMs(now), saved: { ...capture.uploader.saved } });
    if (limitReached(elapsedMs, get().limitMs)) void finish('limit');
  }, CLOCK_MS);
  active = { ...capture, clock };
  if (studio.shell === 'web') window.addEventListener('beforeunload', confirmLeave);
  move('started', cleared);
}

async function grantScreen(resolution: RecordingResolution): Promise<void> {
  try {
    const stream = await openScreen(resolution);
    stopStream(get().screen);
    // Ended from the browser's own "Stop sharing" bar before recording: choose again.
    stream.getVideoTracks()[0]?.addEventListener('ended', () => {
      if (get().screen === stream && get().phase === 'setup') set({ screen: null });
    });
    set({ screen: stream, problem: null });
  } catch (err) {
    const kind = screenProblem(err);
    if (kind) set({ problem: { kind, source: 'screen' } });
  }
}

/** The set-up: devices, screen and title, before the countdown. */
const setupActions: Pick<
  RecordingState,
  'openInputs' | 'chooseDevice' | 'chooseScreen' | 'pickScreen' | 'cancelScreenPick' | 'closeSetup' | 'setTitle'
> = {
  async openInputs(mode, resolution) {
    const generation = ++openGeneration;
    const { recordCamera, recordMicrophone } = useSettings.getState().settings ?? {};
    stopStream(get().inputs);
    set({ inputs: null, problem: get().problem?.source === 'screen' ? get().problem : null });
    try {
      const { stream, devices } = await openPreferredInputs({ mode, resolution, recordCamera, recordMicrophone }, (kind, n) =>
        t(`record.unnamed.${kind}`, { n }),
      );
      if (generation !== openGeneration) return stopStream(stream);
      set({ inputs: stream, devices });
    } catch (err) {
      if (generation === openGeneration) set({ problem: { kind: mediaProblem(err), source: 'inputs' } });
    }
  },

  async chooseDevice(kind, id, mode, resolution) {
    const option = get().devices[kind === 'camera' ? 'cameras' : 'microphones'].find((d) => d.id === id);
    if (!option) return;
    await useSettings.getState().update(kind === 'camera' ? { recordCamera: option } : { recordMicrophone: option });
    await get().openInputs(mode, resolution);
  },

  async chooseScreen(resolution) {
    // Electron has no picker of its own: ours lists the sources, and the one picked is granted.
    if (studio.shell === 'electron') {
      try {
        const sources = await call('capture.sources', {});
        set(sources.length ? { screenChoices: sources } : { problem: { kind: 'permission', source: 'screen' } });
      } catch (err) {
        toastError(err);
      }
      return;
    }
    await grantScreen(resolution);
  },

  async pickScreen(id, resolution) {
    set({ screenChoices: null });
    try {
      await call('capture.choose', { id });
    } catch (err) {
      toastError(err);
      return;
    }
    await grantScreen(resolution);
  },

  cancelScreenPick() {
    set({ screenChoices: null });
  },

  closeSetup() {
    if (get().phase !== 'setup') return;
    openGeneration++;
    release();
  },

  setTitle(title) {
    set({ title });
  },
};

/** The session itself: countdown, pause and resume, stop and discard. */
const sessionActions: Pick<RecordingState, 'begin' | 'skipCountdown' | 'cancelCountdown' | 'pause' | 'resume' | 'stop' | 'discard'> = {
  begin({ mode, resolution, limitMin }) {
    if (!move('begin', { countdown: COUNTDOWN_S, limitMs: limitMs(limitMin) })) return;
    pending = { mode, resolution };
    countdownTimer = setInterval(() => {
      const next = countdownTick(get().countdown);
      if (next !== null) return set({ countdown: next });
      get().skipCountdown();
    }, 1000);
  },

  skipCountdown() {
    clearInterval(countdownTimer);
    if (get().phase === 'countdown') void startRecording();
  },

  cancelCountdown() {
    clearInterval(countdownTimer);
    pending = null;
    move('cancel');
  },

  async pause() {
    if (!active || transition(get().phase, 'pause') === null) return;
    active.recorder.pause();
    move('pause');
    await call('recording.pause', { id: active.id }).catch(toastError);
  },

  async resume() {
    if (!active || transition(get().phase, 'resume') === null) return;
    active.recorder.resume();
    move('resume');
    await call('recording.resume', { id: active.id }).catch(toastError);
  },

  stop: () => finish('user'),

  async discard() {
    const a = await endActive();
    if (!a) return;
    await call('recording.discard', { id: a.id }).catch(toastError);
    move('stopped', { title: '', ...cleared });
    toast('info', t('record.discarded'));
  },
};

export const useRecording = create<RecordingState>(() => ({
  phase: 'setup',
  inputs: null,
  screen: null,
  screenChoices: null,
  devices: { cameras: [], microphones: [] },
  problem: null,
  countdown: COUNTDOWN_S,
  ...cleared,
  limitMs: null,
  title: '',
  ...setupActions,
  ...sessionActions,
}));
