import fs from 'node:fs/promises';
import path from 'node:path';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { StudioError } from '../../common/errors';
import { errorFromResponse, fillPath, unreachable, type HubClient } from '../hub/client';
import { fileChecksums, type FileSums } from '../library/checksums';
import type { StoredTransfer } from './queries';
import type { Throttle } from './throttle';

export interface DownloadRun {
  transfer: StoredTransfer;
  /** Where the verified file goes; until then the bytes collect in `<target>.part`. */
  target: string;
  client: HubClient;
  throttle: Throttle;
  signal: AbortSignal;
  onProgress(doneBytes: number, totalBytes: number): void;
  /** Every byte that arrives, for the resume tests and the benchmark. */
  onWire(n: number): void;
}

async function sizeOf(file: string): Promise<number> {
  return fs.stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

/**
 * The body's pieces until it ends, or until `signal` aborts, which throws its reason. Each read races
 * the signal itself: undici's fetch can leave a read pending for good when the request is aborted at
 * the wrong moment (nodejs/undici#4089), and a transfer that never ends would hold the studio's
 * closing.
 */
async function* piecesOf(body: WebReadableStream<Uint8Array>, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let stop!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(signal.reason);
  });
  aborted.catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  if (signal.aborted) stop();
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) return;
      yield value;
    }
  } finally {
    signal.removeEventListener('abort', stop);
    reader.cancel(signal.reason).catch(() => undefined);
  }
}

/**
 * Fetches one blob into the library, resuming a partial file with an HTTP Range request. The file
 * becomes visible under its final name only after its sha256 matches; a mismatch deletes it.
 * Returns the content type the hub stored with the blob, and the checksums the library remembers.
 */
export async function runDownload(run: DownloadRun): Promise<{ mime: string; sums: FileSums }> {
  const { transfer, client } = run;
  const part = `${run.target}.part`;
  await fs.mkdir(path.dirname(run.target), { recursive: true });
  let have = await sizeOf(part);
  let res: Response;
  try {
    res = await fetch(client.url(fillPath('/blobs/:sha256', { sha256: transfer.sha256 }), { community: transfer.communityId }), {
      headers: { ...(await client.authorization()), ...(have > 0 && { range: `bytes=${have}-`, 'if-range': `"${transfer.sha256}"` }) },
      signal: run.signal,
    });
  } catch (err) {
    if (run.signal.aborted) throw err;
    throw unreachable(err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err));
  }
  const mime = res.headers.get('content-type') ?? transfer.mime;
  if (res.status === 416) {
    // Everything had arrived before the interruption; only the check was left.
    await res.body?.cancel();
  } else if (res.ok) {
    if (res.status === 200) have = 0;
    const total = have + Number(res.headers.get('content-length') ?? 0);
    let done = have;
    run.onProgress(done, total);
    // Each piece is on disk before the next is read, so a pause or a cut loses nothing that arrived:
    // the next request's Range starts exactly where this one stopped.
    const out = await fs.open(part, have > 0 ? 'a' : 'w');
    try {
      for await (const chunk of piecesOf(res.body as WebReadableStream<Uint8Array>, run.signal)) {
        await run.throttle.take(chunk.length);
        await out.write(chunk);
        run.onWire(chunk.length);
        run.onProgress((done += chunk.length), total);
      }
    } catch (err) {
      if (run.signal.aborted) throw err;
      throw unreachable(err instanceof Error ? err.message : String(err));
    } finally {
      await out.close();
    }
  } else {
    throw await errorFromResponse(res);
  }
  const sums = await fileChecksums(part);
  if (sums.sha256 !== transfer.sha256) {
    await fs.rm(part, { force: true });
    throw new StudioError('hash_mismatch', { expected: transfer.sha256 });
  }
  // A rename keeps size and modification time: the sums still hold for the file under its own name.
  await fs.rename(part, run.target);
  return { mime, sums };
}
