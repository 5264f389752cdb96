import i18next from 'i18next';
import { create } from 'zustand';
import type { StudioCallError } from '../../../common/contract';
import type { RecordingMode, RecordingResolution, ScreenSource } from '../../../common/schemas/recording';
import { call, studio } from '../bridge/studio';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';
import { useRoute } from '../store/route';
import { useSettings } from '../store/settings';
import { useToasts } from '../store/toasts';
import { pictureInPicture } from './compositor';
import { LessonRecorder } from './recorder';
import {
  COUNTDOWN_S,
  countdownTick,
  limitMs,
  limitReached,
  stopNotice,
  transition,
  type Phase,
  type SessionEvent,
  type StopReason,
} from './session-machine';
import {
  findRemembered,
  listDevices,
  mediaProblem,
  openInputs,
  openScreen,
  recorderMime,
  resolutionSize,
  stopStream,
  videoBitrate,
  type DeviceLists,
  type MediaProblem,
} from './sources';
import { ChunkUploader } from './uploader';

export type { Phase } from './session-machine';

const cleared = { elapsedMs: 0, pausedForMs: 0, saved: { bytes: 0, chunks: 0 } };
const CLOCK_MS = 250;

interface RecordingState {
  phase: Phase;
  /** Camera (when the mode uses one) and microphone, open from the set-up on, for preview and level. */
  inputs: MediaStream | null;
  screen: MediaStream | null;
  /** The desktop app's own screen picker, open with these sources. */
  screenChoices: ScreenSource[] | null;
  devices: DeviceLists;
  problem: { kind: MediaProblem; source: 'inputs' | 'screen' } | null;
  countdown: number;
  elapsedMs: number;
  pausedForMs: number;
  /** Safely on disk so far: bytes, and chunks of about a second each. */
  saved: { bytes: number; chunks: number };
  limitMs: number | null;
  title: string;
  openInputs(mode: RecordingMode, resolution: RecordingResolution): Promise<void>;
  chooseDevice(kind: 'camera' | 'microphone', id: string, mode: RecordingMode, resolution: RecordingResolution): Promise<void>;
  chooseScreen(resolution: RecordingResolution): Promise<void>;
  pickScreen(id: string, resolution: RecordingResolution): Promise<void>;
  cancelScreenPick(): void;
  /** Lets go of camera, microphone and screen unless a recording is using them. */
  closeSetup(): void;
  setTitle(title: string): void;
  begin(o: { mode: RecordingMode; resolution: RecordingResolution; limitMin: number }): void;
  skipCountdown(): void;
  cancelCountdown(): void;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  discard(): Promise<void>;
}

interface Active {
  id: string;
  recorder: LessonRecorder;
  uploader: ChunkUploader;
  compositor: { stop(): void } | null;
  clock: ReturnType<typeof setInterval>;
}

let active: Active | null = null;
let pending: { mode: RecordingMode; resolution: RecordingResolution } | null = null;
let countdownTimer: ReturnType<typeof setInterval> | undefined;
/** Opening devices takes a moment; only the latest request may hand its streams over. */
let openGeneration = 0;

const t = i18next.t.bind(i18next);
const toast = (kind: 'info' | 'error', text: string) => useToasts.getState().show(kind, text);

// Closing the tab mid-recording loses only the last second, but the browser should still ask first.
// (Electron would close the window without asking; there the part file is offered back on the next start.)
const confirmLeave = (e: BeforeUnloadEvent) => e.preventDefault();

export const useRecording = create<RecordingState>((set, get) => {
  /** Moves to the phase `event` leads to; false (and nothing changes) when the event means nothing now. */
  const move = (event: SessionEvent, also: Partial<RecordingState> = {}): boolean => {
    const phase = transition(get().phase, event);
    if (phase) set({ ...also, phase });
    return phase !== null;
  };

  const release = () => {
    stopStream(get().inputs);
    stopStream(get().screen);
    set({ inputs: null, screen: null });
    window.removeEventListener('beforeunload', confirmLeave);
  };

  const finish = async (reason: StopReason, failure?: StudioCallError) => {
    const a = active;
    if (!a || !move('stop')) return;
    const durationMs = Math.round(a.recorder.elapsedMs());
    clearInterval(a.clock);
    await a.recorder.stop();
    a.compositor?.stop();
    active = null;
    release();
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
  };

  const startRecording = async () => {
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
    const camera = inputs.getVideoTracks()[0];
    const screenTrack = screen?.getVideoTracks()[0];
    const microphone = inputs.getAudioTracks();
    let compositor: ReturnType<typeof pictureInPicture> | null = null;
    let video: MediaStreamTrack | undefined;
    if (o.mode === 'camera') video = camera;
    else if (o.mode === 'screen') video = screenTrack;
    else {
      compositor = pictureInPicture(screen!, new MediaStream(camera ? [camera] : []), {
        height: resolutionSize[o.resolution].height,
        corner: document.documentElement.dir === 'rtl' ? 'left' : 'right',
      });
      video = compositor.stream.getVideoTracks()[0];
    }
    const size = video?.getSettings() ?? {};
    const deviceLabel = [o.mode !== 'camera' ? screenTrack?.label : null, o.mode !== 'screen' ? camera?.label : null, microphone[0]?.label]
      .filter(Boolean)
      .join(' · ');

    let id: string;
    try {
      ({ id } = await call('recording.start', {
        mode: o.mode,
        deviceLabel: deviceLabel.slice(0, 300),
        resolution: o.resolution,
        mime,
        width: size.width ?? null,
        height: size.height ?? null,
      }));
    } catch (err) {
      compositor?.stop();
      move('failed');
      toast('error', errorMessage(t, err));
      return;
    }
    // Cancelled while the core opened the part file: let that file go rather than record after all.
    if (get().phase !== 'countdown') {
      compositor?.stop();
      await call('recording.discard', { id }).catch((err: unknown) => toast('error', errorMessage(t, err)));
      return;
    }
    const uploader = new ChunkUploader(id, (err) => void finish('failed', err));
    const recorder = new LessonRecorder(
      new MediaStream([...(video ? [video] : []), ...microphone]),
      { mime, videoBitsPerSecond: videoBitrate[o.resolution] },
      uploader,
      () => void finish('failed'),
    );
    // A camera or microphone unplugged (or a screen share ended from the browser's bar) ends its track.
    for (const track of [...(o.mode !== 'screen' && camera ? [camera] : []), ...microphone])
      track.addEventListener('ended', () => void finish('device_lost'));
    screenTrack?.addEventListener('ended', () => void finish('screen_ended'));
    recorder.start();
    const clock = setInterval(() => {
      const now = performance.now();
      const elapsedMs = recorder.elapsedMs(now);
      set({ elapsedMs, pausedForMs: recorder.pausedForMs(now), saved: { ...uploader.saved } });
      if (limitReached(elapsedMs, get().limitMs)) void finish('limit');
    }, CLOCK_MS);
    active = { id, recorder, uploader, compositor, clock };
    if (studio.shell === 'web') window.addEventListener('beforeunload', confirmLeave);
    move('started', cleared);
  };

  const grantScreen = async (resolution: RecordingResolution) => {
    try {
      const stream = await openScreen(resolution);
      stopStream(get().screen);
      // Ended from the browser's own "Stop sharing" bar before recording: choose again.
      stream.getVideoTracks()[0]?.addEventListener('ended', () => {
        if (get().screen === stream && get().phase === 'setup') set({ screen: null });
      });
      set({ screen: stream, problem: null });
    } catch (err) {
      // Closing the picker is a choice, not a problem; only a refusal by the system needs help.
      const refused = err instanceof DOMException && err.name === 'NotAllowedError' && /system/i.test(err.message);
      if (refused || !(err instanceof DOMException && err.name === 'NotAllowedError'))
        set({ problem: { kind: refused ? 'permission' : mediaProblem(err), source: 'screen' } });
    }
  };

  return {
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

    async openInputs(mode, resolution) {
      const generation = ++openGeneration;
      const { recordCamera, recordMicrophone } = useSettings.getState().settings ?? {};
      const camera = mode !== 'screen';
      stopStream(get().inputs);
      set({ inputs: null, problem: get().problem?.source === 'screen' ? get().problem : null });
      try {
        let stream = await openInputs({ camera, cameraId: recordCamera?.id, microphoneId: recordMicrophone?.id, resolution });
        const devices = await listDevices((kind, n) => t(`record.unnamed.${kind}`, { n }));
        // The remembered device may be known by its label only (browsers change ids): open that one.
        const wantCamera = camera ? findRemembered(devices.cameras, recordCamera ?? null) : undefined;
        const wantMicrophone = findRemembered(devices.microphones, recordMicrophone ?? null);
        const openCamera = stream.getVideoTracks()[0]?.getSettings().deviceId;
        const openMicrophone = stream.getAudioTracks()[0]?.getSettings().deviceId;
        if ((wantCamera && wantCamera.id !== openCamera) || (wantMicrophone && wantMicrophone.id !== openMicrophone)) {
          stopStream(stream);
          stream = await openInputs({ camera, cameraId: wantCamera?.id, microphoneId: wantMicrophone?.id, resolution });
        }
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
          toast('error', errorMessage(t, err));
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
        toast('error', errorMessage(t, err));
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
      await call('recording.pause', { id: active.id }).catch((err: unknown) => toast('error', errorMessage(t, err)));
    },

    async resume() {
      if (!active || transition(get().phase, 'resume') === null) return;
      active.recorder.resume();
      move('resume');
      await call('recording.resume', { id: active.id }).catch((err: unknown) => toast('error', errorMessage(t, err)));
    },

    stop: () => finish('user'),

    async discard() {
      const a = active;
      if (!a || !move('stop')) return;
      clearInterval(a.clock);
      await a.recorder.stop();
      a.compositor?.stop();
      active = null;
      release();
      await call('recording.discard', { id: a.id }).catch((err: unknown) => toast('error', errorMessage(t, err)));
      move('stopped', { title: '', ...cleared });
      toast('info', t('record.discarded'));
    },
  };
});
