import fs from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { READ_CHUNK_BYTES } from './hash-stream';

/** One byte range of the package, read in large chunks from the shared descriptor, which it never closes. */
class RangeStream extends Readable {
  constructor(
    private readonly fd: number,
    private position: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: READ_CHUNK_BYTES });
  }

  override _read(): void {
    const length = Math.min(READ_CHUNK_BYTES, this.end - this.position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    const buffer = Buffer.allocUnsafe(length);
    fs.read(this.fd, buffer, 0, length, this.position, (err, bytesRead) => {
      if (err) return this.destroy(err);
      if (bytesRead === 0) return this.destroy(new Error('unexpected end of file'));
      this.position += bytesRead;
      this.push(bytesRead < length ? buffer.subarray(0, bytesRead) : buffer);
    });
  }
}

/**
 * The end of a package, read once: the central directory, the records and the manifest live there
 * (the writer puts them after the media), so opening a package reads them from memory instead of in
 * a hundred small reads.
 */
const TAIL_BYTES = 1024 * 1024;

/** A range of the file, from memory. */
class TailStream extends Readable {
  constructor(private bytes: Buffer | null) {
    super();
  }

  override _read(): void {
    this.push(this.bytes);
    if (this.bytes) this.bytes = null;
  }
}

/**
 * Reads a package for yauzl in large chunks. yauzl's own file reader reads 16 KB at a time, which
 * makes unpacking a gigabyte of video several times slower than copying it.
 */
class FileReader extends yauzl.RandomAccessReader {
  constructor(
    readonly fd: number,
    private readonly tail: Buffer,
    private readonly tailStart: number,
  ) {
    super();
  }

  /** The bytes from `start` to `end` when they lie in the tail read at opening. */
  private fromTail(start: number, end: number): Buffer | null {
    return start >= this.tailStart && end <= this.tailStart + this.tail.length
      ? this.tail.subarray(start - this.tailStart, end - this.tailStart)
      : null;
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const cached = this.fromTail(start, end);
    return cached ? new TailStream(cached) : new RangeStream(this.fd, start, end);
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    const cached = this.fromTail(position, position + length);
    if (cached) {
      cached.copy(buffer, offset);
      process.nextTick(callback, null);
      return;
    }
    fs.read(this.fd, buffer, offset, length, position, (err, bytesRead) =>
      callback(err ?? (bytesRead < length ? new Error('unexpected end of file') : null)),
    );
  }

  override close(callback: (err: Error | null) => void): void {
    fs.close(this.fd, (err) => callback(err));
  }
}

export function openZipFile(file: string, options: yauzl.Options): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    fs.open(file, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      fs.fstat(fd, (statError, stat) => {
        if (statError) return fs.close(fd, () => reject(statError));
        const tailStart = Math.max(0, stat.size - TAIL_BYTES);
        const tail = Buffer.allocUnsafe(stat.size - tailStart);
        fs.read(fd, tail, 0, tail.length, tailStart, (readError, bytesRead) => {
          if (readError) return fs.close(fd, () => reject(readError));
          // A file that is not a zip fails here, before yauzl holds the descriptor: it is closed at once.
          yauzl.fromRandomAccessReader(new FileReader(fd, tail.subarray(0, bytesRead), tailStart), stat.size, options, (err, zip) =>
            err ? fs.close(fd, () => reject(err)) : resolve(zip),
          );
        });
      });
    });
  });
}

/** Where an entry's data starts in the file: after its local header, whose length only the header itself tells. */
export function entryDataStart(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<number> {
  const withHeaders = zip as unknown as {
    readLocalFileHeader(
      entry: yauzl.Entry,
      options: { minimal: true },
      callback: (err: Error | null, header: { fileDataStart: number }) => void,
    ): void;
  };
  // yauzl checks the header's signature, and that the data lies within the file.
  return new Promise((resolve, reject) =>
    withHeaders.readLocalFileHeader(entry, { minimal: true }, (err, header) => (err ? reject(err) : resolve(header.fileDataStart))),
  );
}

/** Where the central directory starts: no entry's bytes may reach into it. yauzl starts reading entries there. */
export function centralDirectoryOffset(zip: yauzl.ZipFile): number {
  return (zip as unknown as { readEntryCursor: number }).readEntryCursor;
}
