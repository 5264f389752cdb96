import { StudioCallError } from '../../../common/contract';
import { call } from '../bridge/studio';

/** How long a recording rides out a studio that does not answer (the browser shell restarting) before it stops. */
const RETRIES = 8;
const RETRY_MS = 1000;

const unreachable = (err: StudioCallError) => err.payload.code === 'internal' && err.payload.message === 'studio_unreachable';
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a recording's chunks to the core one after another, numbered, so the core can write them in
 * order and knows a retried chunk when it sees it again. The first failure that waiting cannot fix
 * (a full disk, say) is reported once, and nothing more is sent.
 */
export class ChunkUploader {
  /** What the core has acknowledged as on disk: bytes, and chunks (each about a second of recording). */
  readonly saved = { bytes: 0, chunks: 0 };
  private seq = 0;
  private queue: Promise<void> = Promise.resolve();
  private failure: StudioCallError | null = null;

  constructor(
    private readonly id: string,
    private readonly onFailure: (err: StudioCallError) => void,
  ) {}

  push(blob: Blob): void {
    // MediaRecorder hands over empty blobs while paused; they carry nothing and would only use up numbers.
    if (blob.size === 0) return;
    const seq = this.seq++;
    this.queue = this.queue.then(() => this.send(seq, blob));
  }

  /** Resolves once every chunk pushed so far is on disk (or the uploads have failed). */
  flush(): Promise<void> {
    return this.queue;
  }

  private async send(seq: number, blob: Blob): Promise<void> {
    if (this.failure) return;
    const data = new Uint8Array(await blob.arrayBuffer());
    for (let attempt = 0; ; attempt++) {
      try {
        const ack = await call('recording.chunk', { id: this.id, seq, data });
        this.saved.bytes = ack.sizeBytes;
        if (!ack.duplicate) this.saved.chunks++;
        return;
      } catch (err) {
        const failure = err instanceof StudioCallError ? err : new StudioCallError({ code: 'internal', message: String(err), params: {} });
        if (unreachable(failure) && attempt < RETRIES) {
          await delay(RETRY_MS);
          continue;
        }
        this.failure = failure;
        this.onFailure(failure);
        return;
      }
    }
  }
}
