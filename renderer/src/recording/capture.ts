import type { StudioCallError } from '../../../common/contract';
import type { RecordingMode, RecordingResolution } from '../../../common/schemas/recording';
import { pictureInPicture } from './compositor';
import { LessonRecorder } from './recorder';
import type { StopReason } from './session-machine';
import {
  findRemembered,
  listDevices,
  openInputs,
  resolutionSize,
  stopStream,
  videoBitrate,
  type DeviceLists,
  type DeviceOption,
} from './sources';
import { ChunkUploader } from './uploader';

// The side effects of a recording session on the devices, the recorder and the chunk uploader. The
// session store (`session.ts`) decides when; this module knows how.

export interface CaptureChoice {
  mode: RecordingMode;
  resolution: RecordingResolution;
}

/** The tracks a recording is made of, and what the core is told about them. */
export interface Tracks {
  video: MediaStreamTrack | undefined;
  camera: MediaStreamTrack | undefined;
  screenTrack: MediaStreamTrack | undefined;
  microphone: MediaStreamTrack[];
  /** Draws the camera over the screen in picture-in-picture mode; null otherwise. */
  compositor: { stream: MediaStream; stop(): void } | null;
  deviceLabel: string;
  width: number | null;
  height: number | null;
}

/** A running recording's recorder, its uploader and its compositor, under the core's recording id. */
export interface Capture {
  id: string;
  recorder: LessonRecorder;
  uploader: ChunkUploader;
  compositor: { stop(): void } | null;
}

/** Picks (or, picture-in-picture, draws) the video track the mode records, beside the microphone. */
export function composeTracks(o: CaptureChoice, inputs: MediaStream, screen: MediaStream | null): Tracks {
  const camera = inputs.getVideoTracks()[0];
  const screenTrack = screen?.getVideoTracks()[0];
  const microphone = inputs.getAudioTracks();
  let compositor: Tracks['compositor'] = null;
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
  return { video, camera, screenTrack, microphone, compositor, deviceLabel, width: size.width ?? null, height: size.height ?? null };
}

/**
 * Starts recording `tracks` into the core's recording `id`. `onEnd` hears why it must stop on its own:
 * an upload or recorder failure, a device unplugged, a screen share ended.
 */
export function startCapture(
  id: string,
  o: CaptureChoice & { mime: string },
  tracks: Tracks,
  onEnd: (reason: StopReason, failure?: StudioCallError) => void,
): Capture {
  const { video, camera, screenTrack, microphone, compositor } = tracks;
  const uploader = new ChunkUploader(id, (err) => onEnd('failed', err));
  const recorder = new LessonRecorder(
    new MediaStream([...(video ? [video] : []), ...microphone]),
    { mime: o.mime, videoBitsPerSecond: videoBitrate[o.resolution] },
    uploader,
    () => onEnd('failed'),
  );
  // A camera or microphone unplugged (or a screen share ended from the browser's bar) ends its track.
  for (const track of [...(o.mode !== 'screen' && camera ? [camera] : []), ...microphone])
    track.addEventListener('ended', () => onEnd('device_lost'));
  screenTrack?.addEventListener('ended', () => onEnd('screen_ended'));
  recorder.start();
  return { id, recorder, uploader, compositor };
}

/** Stops the recorder (its last chunk handed to the uploader) and the compositor. */
export async function stopCapture(c: Capture): Promise<void> {
  await c.recorder.stop();
  c.compositor?.stop();
}

/**
 * Opens the camera (when the mode uses one) and the microphone, preferring the remembered devices,
 * and lists the devices there are.
 */
export async function openPreferredInputs(
  o: CaptureChoice & { recordCamera?: DeviceOption | null; recordMicrophone?: DeviceOption | null },
  unnamed: (kind: 'camera' | 'microphone', n: number) => string,
): Promise<{ stream: MediaStream; devices: DeviceLists }> {
  const { recordCamera, recordMicrophone, resolution } = o;
  const camera = o.mode !== 'screen';
  let stream = await openInputs({ camera, cameraId: recordCamera?.id, microphoneId: recordMicrophone?.id, resolution });
  const devices = await listDevices(unnamed);
  // The remembered device may be known by its label only (browsers change ids): open that one.
  const wantCamera = camera ? findRemembered(devices.cameras, recordCamera ?? null) : undefined;
  const wantMicrophone = findRemembered(devices.microphones, recordMicrophone ?? null);
  const openCamera = stream.getVideoTracks()[0]?.getSettings().deviceId;
  const openMicrophone = stream.getAudioTracks()[0]?.getSettings().deviceId;
  if ((wantCamera && wantCamera.id !== openCamera) || (wantMicrophone && wantMicrophone.id !== openMicrophone)) {
    stopStream(stream);
    stream = await openInputs({ camera, cameraId: wantCamera?.id, microphoneId: wantMicrophone?.id, resolution });
  }
  return { stream, devices };
}
