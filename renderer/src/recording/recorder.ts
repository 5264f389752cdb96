import type { ChunkUploader } from './uploader';

/** MediaRecorder hands over what it has encoded every second: a crash loses at most about that much. */
const TIMESLICE_MS = 1000;

/**
 * MediaRecorder with a clock: the time actually recorded (pauses left out), and a stop that resolves
 * only when the last chunk is on disk.
 */
export class LessonRecorder {
  private readonly recorder: MediaRecorder;
  private startedAt = 0;
  private pausedAt: number | null = null;
  private pausedTotal = 0;

  constructor(
    stream: MediaStream,
    o: { mime: string; videoBitsPerSecond: number },
    private readonly uploader: ChunkUploader,
    onError: () => void,
  ) {
    this.recorder = new MediaRecorder(stream, { mimeType: o.mime, videoBitsPerSecond: o.videoBitsPerSecond, audioBitsPerSecond: 96_000 });
    this.recorder.addEventListener('dataavailable', (e) => uploader.push(e.data));
    this.recorder.addEventListener('error', onError);
  }

  /**
   * The clock starts with the call, not with the 'start' event: capture begins at once, and on a busy
   * machine (or a canvas still waiting for its first frame) the event can come seconds later.
   */
  start(): void {
    this.recorder.start(TIMESLICE_MS);
    this.startedAt = performance.now();
  }

  pause(): void {
    if (this.recorder.state !== 'recording') return;
    this.recorder.pause();
    this.pausedAt = performance.now();
  }

  resume(): void {
    if (this.recorder.state !== 'paused' || this.pausedAt === null) return;
    this.recorder.resume();
    this.pausedTotal += performance.now() - this.pausedAt;
    this.pausedAt = null;
  }

  /** Time recorded so far, pauses left out. */
  elapsedMs(now = performance.now()): number {
    if (!this.startedAt) return 0;
    return Math.max(0, (this.pausedAt ?? now) - this.startedAt - this.pausedTotal);
  }

  /** How long the current pause has lasted; 0 while recording. */
  pausedForMs(now = performance.now()): number {
    return this.pausedAt === null ? 0 : now - this.pausedAt;
  }

  /** Stops, then waits until the last chunk has reached the disk. */
  async stop(): Promise<void> {
    if (this.recorder.state !== 'inactive') {
      await new Promise<void>((resolve) => {
        this.recorder.addEventListener('stop', () => resolve(), { once: true });
        this.recorder.stop();
      });
    }
    await this.uploader.flush();
  }
}
