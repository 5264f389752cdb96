import type { RecordingMode, RecordingResolution, ScreenSource } from '../../../common/schemas/recording';
import type { Phase } from './session-machine';
import type { DeviceLists, MediaProblem } from './sources';

// What the recording session's store (`session.ts`) holds and offers the record screen.

export const cleared = { elapsedMs: 0, pausedForMs: 0, saved: { bytes: 0, chunks: 0 } };

export interface RecordingState {
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
