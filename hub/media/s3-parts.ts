import { Readable } from 'node:stream';

/** Where one write's bytes go in S3. */
export interface PartSink {
  /** One multipart part of exactly `length` bytes; `signal` cancels it. */
  part(partNumber: number, body: Readable | Buffer, length: number, signal?: AbortSignal): Promise<void>;
  /** The upload's stored tail: bytes too few for a part that is not the last one. */
  tail(body: Buffer): Promise<void>;
}

export interface PartPlan {
  /** The size of every part but the last. */
  partSize: number;
  /** S3's least part size (the last part may be smaller). */
  minPartSize: number;
  uploadSize: number;
  /** Where in the upload the source's first byte goes. */
  offset: number;
  /** Where in the upload the source ends, when the request said (its Content-Length). */
  end: number | null;
  firstPartNumber: number;
}

/**
 * Writes a source into S3 parts without the temporary file @tus/s3-store puts each part in first.
 * When the request's length is known, each part is sent on as its bytes arrive (its length is known
 * before its first byte), and kept in memory until S3 has it: a body that ends early (the studio went
 * away, or reconnected and tus let this request go) cancels that part, and what did arrive is stored
 * as a shorter part or as the tail, as @tus/s3-store would. Without a length, each part is gathered
 * in memory first. Answers how many bytes were stored.
 */
export async function writeParts(source: Readable, plan: PartPlan, sink: PartSink): Promise<number> {
  const reader = new ByteReader(source);
  let position = plan.offset;
  let partNumber = plan.firstPartNumber;
  while (!reader.ended) {
    const want = Math.min(plan.partSize, (plan.end ?? plan.uploadSize) - position);
    if (want <= 0) break;
    let bytes: Buffer | null = null;
    // Only a whole part is streamed: fewer bytes than S3's least part, unless they end the upload, are a tail.
    if (plan.end !== null && (want >= plan.minPartSize || position + want === plan.uploadSize)) {
      const kept: Buffer[] = [];
      const cut = new AbortController();
      try {
        await sink.part(
          partNumber,
          Readable.from(take(reader, want, kept, cut), { objectMode: false, highWaterMark: want }),
          want,
          cut.signal,
        );
      } catch (err) {
        if (!reader.ended || reader.failed) throw err;
        bytes = Buffer.concat(kept);
      }
    } else {
      bytes = await reader.read(want);
    }
    if (bytes === null) {
      position += want;
      partNumber += 1;
      continue;
    }
    if (bytes.length === 0) break;
    const last = position + bytes.length === plan.uploadSize;
    if (bytes.length >= plan.minPartSize || last) await sink.part(partNumber, bytes, bytes.length);
    else await sink.tail(bytes);
    position += bytes.length;
    partNumber += 1;
    if (bytes.length < want) break;
  }
  if (!reader.ended) await reader.expectEnd();
  return position - plan.offset;
}

/** The next `length` bytes of the source, each also kept; the source ending first cancels the part. */
async function* take(reader: ByteReader, length: number, kept: Buffer[], cut: AbortController): AsyncGenerator<Buffer> {
  for (let left = length; left > 0;) {
    let chunk: Buffer | null;
    try {
      chunk = await reader.next(left);
    } catch (err) {
      cut.abort(err);
      throw err;
    }
    if (chunk === null) {
      cut.abort(new Error('the request ended before its Content-Length'));
      return;
    }
    kept.push(chunk);
    left -= chunk.length;
    yield chunk;
  }
}

/** A source read in pieces of at most a given size. */
class ByteReader {
  private readonly chunks: AsyncIterator<Buffer>;
  private rest: Buffer | null = null;
  ended = false;
  /** The source failed (rather than ending): nothing of the part under way is to be stored. */
  failed = false;

  constructor(source: Readable) {
    this.chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** The next bytes, at most `max`, or null once the source has ended. */
  async next(max: number): Promise<Buffer | null> {
    let chunk = this.rest;
    this.rest = null;
    if (chunk === null) {
      if (this.ended) return null;
      let result: IteratorResult<Buffer>;
      try {
        result = await this.chunks.next();
      } catch (err) {
        this.ended = true;
        this.failed = true;
        throw err;
      }
      if (result.done) {
        this.ended = true;
        return null;
      }
      chunk = result.value;
    }
    if (chunk.length > max) {
      this.rest = chunk.subarray(max);
      return chunk.subarray(0, max);
    }
    return chunk;
  }

  /** Up to `length` bytes, fewer only where the source ends. */
  async read(length: number): Promise<Buffer> {
    const pieces: Buffer[] = [];
    for (let left = length; left > 0;) {
      const chunk = await this.next(left);
      if (chunk === null) break;
      pieces.push(chunk);
      left -= chunk.length;
    }
    return Buffer.concat(pieces);
  }

  /** The source has nothing past the length the request gave. */
  async expectEnd(): Promise<void> {
    const chunk = await this.next(1);
    if (chunk !== null && chunk.length > 0) throw new Error('the request is longer than its Content-Length');
  }
}
