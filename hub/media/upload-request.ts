import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the upload store may know of the tus request it is serving, which the tus DataStore interface
 * does not pass: the length of the request's body (from its Content-Length), so each S3 part can be
 * sent on as its bytes arrive rather than gathered first, and what the store has already looked up
 * in the bucket during this request (tus holds the upload's lock for the whole request, so nothing
 * else changes the upload meanwhile; the next request looks again).
 */
export class UploadRequest {
  private bodyLength: number | null;
  /** Per upload id: its parts, as ListParts answered during this request. */
  readonly parts = new Map<string, unknown[]>();
  /** Per upload id: the size of its stored tail (`<id>.part`), undefined when it has none. */
  readonly tailSizes = new Map<string, number | undefined>();

  constructor(bodyLength: number | null) {
    this.bodyLength = bodyLength;
  }

  /** The body's length, once: a request has one body, written once. */
  takeBodyLength(): number | null {
    const length = this.bodyLength;
    this.bodyLength = null;
    return length;
  }

  /** The upload's bytes in the bucket are about to change: forget what was looked up. */
  forget(uploadId: string): void {
    this.parts.delete(uploadId);
    this.tailSizes.delete(uploadId);
  }
}

const current = new AsyncLocalStorage<UploadRequest>();

/** Runs a tus request's handling with its body length (null when it declares none) known to the store. */
export function withUploadRequest<T>(contentLength: string | null, handle: () => Promise<T>): Promise<T> {
  const length = contentLength !== null && /^\d+$/.test(contentLength) ? Number(contentLength) : null;
  return current.run(new UploadRequest(length), handle);
}

/** The tus request being served, if any. */
export function uploadRequest(): UploadRequest | undefined {
  return current.getStore();
}
