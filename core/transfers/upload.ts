import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DefaultHttpStack, DetailedError, Upload, type HttpRequest, type HttpStack } from 'tus-js-client';
import { StudioError } from '../../common/errors';
import { HASH_MISMATCH_STATUS, TUS_PATH } from '../../common/hub-api';
import { errorFromResponse, fillPath, unreachable, type HubClient } from '../hub/client';
import type { StoredTransfer } from './queries';
import { RequestSizer } from './request-size';
import { throttled, type Throttle } from './throttle';

/** tus-js-client's own HTTP stack, with every chunk's body passed through the bandwidth limit. */
class ThrottledHttpStack implements HttpStack {
  private readonly inner = new DefaultHttpStack({});
  constructor(
    private readonly throttle: Throttle,
    private readonly onBytes: (n: number) => void,
  ) {}

  getName(): string {
    return 'throttled';
  }

  createRequest(method: string, url: string): HttpRequest {
    const request = this.inner.createRequest(method, url);
    const send = request.send.bind(request);
    request.send = (body?: unknown) => {
      if (!(body instanceof Readable)) return send(body as never);
      const paced = body.pipe(throttled(this.throttle, this.onBytes));
      return send(Object.assign(paced, { size: (body as Readable & { size?: number }).size }) as never);
    };
    return request;
  }
}

/**
 * Bytes per disk read. tus-js-client's own file source reads 64 KiB at a time, which costs a fast
 * link a third of its speed; much larger reads leave more bytes in flight to send again after a cut
 * (1 MiB reads: 2 MiB; these: 512 KiB).
 */
const READ_BYTES = 256 * 1024;

/** tus-js-client's `fileReader`: a file by path, each chunk streamed from disk when it is sent. */
const fileReader = {
  async openFile(file: string) {
    const { size } = await stat(file);
    return {
      size,
      async slice(start: number, end: number) {
        const last = Math.min(end, size);
        const value = createReadStream(file, { start, end: last - 1, highWaterMark: READ_BYTES });
        return { value: Object.assign(value, { size: last - start }), done: last >= size };
      },
      close() {},
    };
  },
};

export interface UploadRun {
  transfer: StoredTransfer;
  file: string;
  filename: string;
  client: HubClient;
  chunkBytes: number;
  throttle: Throttle;
  signal: AbortSignal;
  /** The tus address, to keep for resuming after a restart. */
  onUrl(url: string): void;
  onProgress(sentBytes: number, totalBytes: number): void;
  /** Every byte that leaves for the hub, resent ones included. */
  onWire(n: number): void;
}

/** The blob is already on the hub for this community (uploaded before a crash, or by someone else). */
async function alreadyThere(run: UploadRun): Promise<boolean> {
  const { client, transfer } = run;
  let res: Response;
  try {
    res = await fetch(client.url(fillPath('/blobs/:sha256', { sha256: transfer.sha256 }), { community: transfer.communityId }), {
      method: 'HEAD',
      headers: await client.authorization(),
      signal: run.signal,
    });
  } catch (err) {
    if (run.signal.aborted) throw err;
    throw unreachable(err instanceof Error ? err.message : String(err));
  }
  if (res.ok) return true;
  if (res.status === 404) return false;
  throw await errorFromResponse(res);
}

function uploadError(err: Error): StudioError {
  const response = err instanceof DetailedError ? err.originalResponse : null;
  if (!response) return unreachable(err.message);
  const status = response.getStatus();
  if (status === HASH_MISMATCH_STATUS) return new StudioError('hash_mismatch');
  if (status === 413) return new StudioError('payload_too_large');
  if (status >= 500) return unreachable(`HTTP ${status}`);
  try {
    const body = JSON.parse(response.getBody()) as { code?: string; params?: Record<string, string | number> };
    if (body.code) return new StudioError(body.code as never, body.params ?? {});
  } catch {
    // not our JSON: fall through
  }
  return new StudioError(status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'internal', { status });
}

/**
 * Sends one file to the hub's tus endpoint in requests sized to the link (request-size.ts), resuming
 * from the stored upload address when there is one (tus asks the hub for its offset first, so at
 * most the request in flight when the connection dropped is sent again). The file is streamed from
 * disk, never held whole.
 */
export async function runUpload(run: UploadRun): Promise<void> {
  if (await alreadyThere(run)) return;
  const { transfer, client } = run;
  const headers = await client.authorization();
  const sizer = new RequestSizer(run.chunkBytes);
  await new Promise<void>((resolve, reject) => {
    const upload: Upload = new Upload(run.file as never, {
      fileReader,
      endpoint: `${client.baseUrl}${TUS_PATH}`,
      ...(transfer.uploadUrl && { uploadUrl: transfer.uploadUrl }),
      chunkSize: sizer.bytes,
      metadata: { sha256: transfer.sha256, communityId: transfer.communityId, filename: run.filename, type: transfer.mime },
      headers,
      // Retries belong to the transfer queue, which backs off and survives restarts.
      retryDelays: [],
      httpStack: new ThrottledHttpStack(run.throttle, run.onWire),
      onUploadUrlAvailable: () => {
        if (upload.url) run.onUrl(upload.url);
      },
      onProgress: (sent, total) => run.onProgress(sent, total),
      // tus-js-client reads the chunk size again for every request.
      onChunkComplete: (bytes) => {
        sizer.accepted(bytes);
        upload.options.chunkSize = sizer.bytes;
      },
      onSuccess: () => resolve(),
      onError: (err) => reject(uploadError(err)),
    });
    const abort = () => {
      void upload.abort();
      reject(run.signal.reason instanceof Error ? run.signal.reason : new Error('aborted'));
    };
    if (run.signal.aborted) return abort();
    run.signal.addEventListener('abort', abort, { once: true });
    upload.start();
  });
}
