/**
 * How much one upload request carries, sized to the link as measured. tus keeps what reached the hub
 * when a connection drops, but bytes still in flight (in the request, in buffers) go again: on a
 * 256 kbit/s school link an 8 MB request is four minutes of sending, and a cut late in it cost those
 * minutes again. Each request is sized to about REQUEST_SECONDS at the speed the last one achieved, so
 * a cut costs seconds on any link; a fast link reaches the configured maximum after one request.
 */
const REQUEST_SECONDS = 1.5;
/** The first request, before any measurement: small enough to be cheap to lose on the slowest link. */
export const FIRST_REQUEST_BYTES = 64 * 1024;
const MIN_REQUEST_BYTES = 16 * 1024;

export class RequestSizer {
  private size = FIRST_REQUEST_BYTES;
  private startedAt: number;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
  }

  /** Bytes for the next request. */
  get bytes(): number {
    return Math.min(this.size, this.maxBytes);
  }

  /** A request of `bytes` was accepted; the next one starts now. */
  accepted(bytes: number): void {
    const at = this.now();
    const seconds = Math.max((at - this.startedAt) / 1000, 0.001);
    this.size = Math.max(MIN_REQUEST_BYTES, Math.round((bytes / seconds) * REQUEST_SECONDS));
    this.startedAt = at;
  }
}
