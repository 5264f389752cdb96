import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { StudioError } from '../../common/errors';
import { errorFromResponse, fillPath, unreachable, type HubClient } from '../hub/client';
import { sha256File } from './hash';
import type { StoredTransfer } from './queries';
import { throttled, type Throttle } from './throttle';

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
 * Fetches one blob into the library, resuming a partial file with an HTTP Range request. The file
 * becomes visible under its final name only after its sha256 matches; a mismatch deletes it.
 * Returns the content type the hub stored with the blob.
 */
export async function runDownload(run: DownloadRun): Promise<{ mime: string; size: number }> {
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
    const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    const meter = throttled(run.throttle, (n) => {
      run.onWire(n);
      run.onProgress((done += n), total);
    });
    try {
      await pipeline(body, meter, createWriteStream(part, { flags: have > 0 ? 'a' : 'w' }), { signal: run.signal });
    } catch (err) {
      if (run.signal.aborted) throw err;
      throw unreachable(err instanceof Error ? err.message : String(err));
    }
  } else {
    throw await errorFromResponse(res);
  }
  const { sha256, size } = await sha256File(part);
  if (sha256 !== transfer.sha256) {
    await fs.rm(part, { force: true });
    throw new StudioError('hash_mismatch', { expected: transfer.sha256 });
  }
  await fs.rename(part, run.target);
  return { mime, size };
}
