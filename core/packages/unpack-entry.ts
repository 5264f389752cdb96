import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type yauzl from 'yauzl';
import { StudioError } from '../../common/errors';
import type { UnpackedFile } from './apply';
import type { CopyThread } from './copy-thread';
import type { PackageLesson } from './format';
import { HashStream } from './hash-stream';
import { entryStream, packageError, type OpenedPackage } from './read';

/** A media file of the package that the library lacks, and the lesson it belongs to. */
export type WantedMedia = PackageLesson['media'][number] & { lessonId: string; entry: yauzl.Entry };

export interface EntryRun {
  opened: OpenedPackage;
  /** The import's staging folder; the file lands in `<lessonId>/<name>` inside it. */
  staging: string;
  thread: CopyThread;
  /** This lane's own descriptor of the package file. */
  packageFd: number;
  /** Aborted when the person cancels or another lane fails. */
  signal: AbortSignal;
  onBytes(n: number): void;
}

interface Written {
  sha256: string | null;
  crc32: number;
  mtimeMs: number;
}

/** Unpacks one media file into the staging folder and checks it against the checksum the package lists. */
export async function unpackEntry(w: WantedMedia, run: EntryRun): Promise<UnpackedFile> {
  const { opened } = run;
  const name = path.posix.basename(w.path);
  const staged = path.join(run.staging, w.lessonId, name);
  await fs.promises.mkdir(path.dirname(staged), { recursive: true });
  // A version 1 package gives no CRC-32: its media is checked by sha256.
  const bySha256 = opened.manifest.version === 1;
  const { sha256, crc32, mtimeMs } =
    w.entry.compressionMethod === 0 ? await copyStored(w, staged, bySha256, run) : await inflate(w, staged, bySha256, run);
  const listed = opened.listed.get(w.path)!;
  if (bySha256 ? sha256 !== listed.sha256 : crc32 !== listed.crc32) throw new StudioError('package_checksum', { entry: w.path });
  return {
    lessonId: w.lessonId,
    kind: w.kind,
    relPath: path.join(w.lessonId, name),
    mime: w.mime,
    size: w.entry.uncompressedSize,
    sha256,
    crc32,
    mtimeMs,
  };
}

/** The cancellation's reason when the lanes were stopped, else what went wrong as a package error. */
const failure = (run: EntryRun, err: unknown) => (run.signal.aborted ? run.signal.reason : packageError(err)) as unknown;

/** Stored, as media is: its bytes are copied straight from the package, checksummed on the way. */
async function copyStored(w: WantedMedia, staged: string, bySha256: boolean, run: EntryRun): Promise<Written> {
  const start = run.opened.dataStarts.get(w.path)!;
  const out = await fs.promises.open(staged, 'wx');
  try {
    const from = { fd: run.packageFd, position: start };
    const sums = await run.thread
      .copy(
        { from, to: { fd: out.fd, position: 0 }, length: w.entry.uncompressedSize, sums: { sha256: bySha256, crc32: true } },
        run.signal,
        run.onBytes,
      )
      .catch((err: unknown) => {
        throw failure(run, err);
      });
    // Moving the file into the library keeps it: the checksums are remembered for the file as it is now.
    return { sha256: sums.sha256, crc32: sums.crc32!, mtimeMs: (await out.stat()).mtimeMs };
  } finally {
    await out.close();
  }
}

/** A compressed entry: inflated through a stream that checksums it. */
async function inflate(w: WantedMedia, staged: string, bySha256: boolean, run: EntryRun): Promise<Written> {
  const hashStream = new HashStream(run.onBytes, { sha256: bySha256 });
  await pipeline(await entryStream(run.opened.zip, w.entry), hashStream, fs.createWriteStream(staged, { flags: 'wx' }), {
    signal: run.signal,
  }).catch((err: unknown) => {
    throw failure(run, err);
  });
  return { sha256: hashStream.digest(), crc32: hashStream.crc32, mtimeMs: (await fs.promises.stat(staged)).mtimeMs };
}
