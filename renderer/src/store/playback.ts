import { create } from 'zustand';

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];
/** Until a frame has been measured, assume the most common camera rate. */
const DEFAULT_FRAME_MS = 1000 / 30;
/** Frame lengths from 120 fps down to 10 fps; anything else is a measurement gone wrong. */
const MIN_FRAME_MS = 1000 / 120;
const MAX_FRAME_MS = 1000 / 10;

interface PlaybackState {
  video: HTMLVideoElement | null;
  currentMs: number;
  playing: boolean;
  rate: number;
  /** The length of one frame, measured from the video while it plays. */
  frameMs: number;
  attach(video: HTMLVideoElement | null): void;
  /** The exact moment now, read from the video: currentMs trails it by up to a timeupdate (~250 ms). */
  nowMs(): number;
  sync(): void;
  seek(ms: number): void;
  seekBy(deltaMs: number): void;
  toggle(): void;
  stepFrame(direction: 1 | -1): void;
  changeSpeed(direction: 1 | -1): void;
}

/** The one video of the lesson workspace, and what the timeline, the list and the shortcuts know of it. */
export const usePlayback = create<PlaybackState>((set, get) => ({
  video: null,
  currentMs: 0,
  playing: false,
  rate: 1,
  frameMs: DEFAULT_FRAME_MS,
  attach(video) {
    set({ video, currentMs: video ? video.currentTime * 1000 : 0, playing: video ? !video.paused : false, rate: video?.playbackRate ?? 1 });
    if (video) measureFrames(video, (frameMs) => set({ frameMs }));
  },
  nowMs() {
    const v = get().video;
    return v ? Math.round(v.currentTime * 1000) : Math.round(get().currentMs);
  },
  sync() {
    const v = get().video;
    if (v) set({ currentMs: v.currentTime * 1000, playing: !v.paused, rate: v.playbackRate });
  },
  seek(ms) {
    const v = get().video;
    if (!v) return;
    const end = Number.isFinite(v.duration) ? v.duration : Infinity;
    v.currentTime = Math.min(end, Math.max(0, ms / 1000));
    set({ currentMs: v.currentTime * 1000 });
  },
  seekBy(deltaMs) {
    const v = get().video;
    if (v) get().seek(v.currentTime * 1000 + deltaMs);
  },
  toggle() {
    const v = get().video;
    if (!v) return;
    if (v.paused) void v.play().catch(() => undefined);
    else v.pause();
  },
  stepFrame(direction) {
    const v = get().video;
    if (!v) return;
    v.pause();
    get().seek(v.currentTime * 1000 + direction * get().frameMs);
  },
  changeSpeed(direction) {
    const v = get().video;
    if (!v) return;
    const at = SPEEDS.findIndex((s) => s >= v.playbackRate - 1e-6);
    const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (at < 0 ? SPEEDS.indexOf(1) : at) + direction))]!;
    v.playbackRate = next;
    set({ rate: next });
  },
}));

/**
 * Browsers do not say a video's frame rate; the gap between two frames presented one after the other
 * while playing does. The smallest such gap is the frame length (a slow machine may skip frames,
 * never shorten them); a seek or a pause between two frames says nothing, nor does a gap no camera
 * would produce.
 */
function measureFrames(video: HTMLVideoElement, report: (frameMs: number) => void): void {
  if (!('requestVideoFrameCallback' in video)) return;
  let last: { ms: number; presented: number } | null = null;
  let best = Infinity;
  let measured = 0;
  const onFrame: VideoFrameRequestCallback = (_now, meta) => {
    if (usePlayback.getState().video !== video) return;
    const ms = meta.mediaTime * 1000;
    const gap = last && meta.presentedFrames === last.presented + 1 && !video.paused && !video.seeking ? ms - last.ms : Infinity;
    last = { ms, presented: meta.presentedFrames };
    if (gap >= MIN_FRAME_MS && gap <= MAX_FRAME_MS) {
      measured++;
      if (gap < best) report((best = gap));
    }
    // A few seconds of playback settle it; until then, every presented frame is a chance to learn.
    if (measured < 120) video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}
