import type { RecordingResolution } from '../../../common/schemas/recording';

/** The frame size asked of cameras and screens; devices may answer with the nearest they can do. */
export const resolutionSize: Record<RecordingResolution, { width: number; height: number }> = {
  '720p': { width: 1280, height: 720 },
  '480p': { width: 854, height: 480 },
};

export interface DeviceOption {
  id: string;
  label: string;
}

export interface DeviceLists {
  cameras: DeviceOption[];
  microphones: DeviceOption[];
}

/** Labels are empty until the person has allowed access once; numbered names stand in for them. */
export async function listDevices(unnamed: (kind: 'camera' | 'microphone', n: number) => string): Promise<DeviceLists> {
  const all = await navigator.mediaDevices.enumerateDevices();
  const of = (kind: MediaDeviceKind, name: 'camera' | 'microphone') =>
    all.filter((d) => d.kind === kind && d.deviceId).map((d, i) => ({ id: d.deviceId, label: d.label || unnamed(name, i + 1) }));
  return { cameras: of('videoinput', 'camera'), microphones: of('audioinput', 'microphone') };
}

/** A remembered device by its id, else by its label: browsers hand out new ids, for example on another port. */
export function findRemembered(options: DeviceOption[], remembered: DeviceOption | null): DeviceOption | undefined {
  if (!remembered) return undefined;
  return options.find((o) => o.id === remembered.id) ?? options.find((o) => o.label === remembered.label);
}

interface InputChoice {
  camera: boolean;
  cameraId?: string | undefined;
  microphoneId?: string | undefined;
  resolution: RecordingResolution;
}

function inputConstraints(o: InputChoice): MediaStreamConstraints {
  const { width, height } = resolutionSize[o.resolution];
  return {
    video: o.camera
      ? {
          ...(o.cameraId ? { deviceId: { exact: o.cameraId } } : {}),
          width: { ideal: width },
          height: { ideal: height },
          frameRate: { ideal: 30 },
        }
      : false,
    audio: {
      ...(o.microphoneId ? { deviceId: { exact: o.microphoneId } } : {}),
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
    },
  };
}

/**
 * Camera (when asked for) and microphone in one request, so the browser asks for permission once. A
 * device is asked for exactly (Chromium passes over an `ideal` one); if it has gone away, the
 * system's default devices are opened instead.
 */
export async function openInputs(o: InputChoice): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia(inputConstraints(o));
  } catch (err) {
    const gone = err instanceof DOMException && (err.name === 'OverconstrainedError' || err.name === 'NotFoundError');
    if (!gone || (!o.cameraId && !o.microphoneId)) throw err;
    return navigator.mediaDevices.getUserMedia(inputConstraints({ camera: o.camera, resolution: o.resolution }));
  }
}

/** The screen or a window, as the person picks it in the browser's (or our Electron) picker. */
export function openScreen(resolution: RecordingResolution): Promise<MediaStream> {
  const { height } = resolutionSize[resolution];
  return navigator.mediaDevices.getDisplayMedia({ video: { height: { ideal: height }, frameRate: { ideal: 30, max: 30 } }, audio: false });
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

export type MediaProblem = 'permission' | 'no_device' | 'in_use' | 'failed';

/** What went wrong opening a device, in the terms a person can act on. */
export function mediaProblem(err: unknown): MediaProblem {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no_device';
  if (name === 'NotReadableError' || name === 'AbortError') return 'in_use';
  return 'failed';
}

/** What went wrong opening the screen, or null when the person closed the picker (a choice, not a problem). */
export function screenProblem(err: unknown): MediaProblem | null {
  const notAllowed = err instanceof DOMException && err.name === 'NotAllowedError';
  // Only a refusal by the system needs help.
  const refused = notAllowed && /system/i.test(err.message);
  if (refused) return 'permission';
  return notAllowed ? null : mediaProblem(err);
}

export type Os = 'windows' | 'mac' | 'linux' | 'other';

/** The operating system, for help that names the right settings screen. */
export function detectOs(nav: Navigator = navigator): Os {
  const hinted = (nav as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform;
  const platform = (hinted || nav.platform || '').toLowerCase();
  if (platform.startsWith('win')) return 'windows';
  if (platform.startsWith('mac')) return 'mac';
  if (platform.includes('linux') && !platform.includes('android')) return 'linux';
  return 'other';
}

/** VP8 first: old laptops encode it in real time where VP9 falls behind. */
const MIME_PREFERENCE = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];

export function recorderMime(): string | null {
  return MIME_PREFERENCE.find((m) => MediaRecorder.isTypeSupported(m)) ?? null;
}

export const videoBitrate: Record<RecordingResolution, number> = { '720p': 2_500_000, '480p': 1_000_000 };
