import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StudioError } from '../../common/errors';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { crc32 as crc32Of } from '../library/crc32';
import { lessonAssets } from '../library/queries';
import { applyPackage, type UnpackedFile } from './apply';
import { freeBytes } from './destination';
import { Copier, HASHED_CHUNK_BYTES, PLAIN_CHUNK_BYTES } from './copier';
import { entryDataStart, zipDescriptor } from './file-reader';
import { HashStream } from './hash-stream';
import { HashThread } from './hash-thread';
import { entryStream, openPackage, packageError } from './read';

/** Files unpacked at once. */
const LANES = 2;

export interface UnpackRun {
  signal: AbortSignal;
  progress(fraction: number): void;
  /** The name the person knows the package by, kept with the archive. */
  fileName: string;
}

export interface Imported {
  collectionId: string | null;
  lessonIds: string[];
}

/**
 * Imports a `.pcircle` package. Everything is checked first (see read.ts); media is then unpacked
 * into the staging folder, each file verified against its checksum, moved into the library, and the
 * records written in one transaction. Any failure removes what was unpacked: nothing is left behind.
 * Media is unpacked only where the library lacks it: what is already here is never replaced.
 */
export async function unpackPackage(ctx: CoreContext, file: string, run: UnpackRun): Promise<Imported> {
  const opened = await openPackage(file, await freeBytes(ctx.paths.root));
  const staging = path.join(ctx.paths.staging, `package-${newId()}`);
  const placed: string[] = [];
  try {
    const wanted = opened.lessons.flatMap((lesson) => {
      const have = new Set(lessonAssets(ctx.db, lesson.id).map((a) => a.kind));
      return lesson.media.filter((m) => !have.has(m.kind)).map((m) => ({ lessonId: lesson.id, ...m, entry: opened.entries.get(m.path)! }));
    });
    const total = wanted.reduce((sum, w) => sum + w.entry.uncompressedSize, 0) || 1;
    let done = 0;
    const files: UnpackedFile[] = new Array<UnpackedFile>(wanted.length);
    const packageFd = zipDescriptor(opened.zip);
    // One failure (or the person cancelling) stops every lane.
    const stop = new AbortController();
    const forward = () => stop.abort(run.signal.reason);
    if (run.signal.aborted) forward();
    else run.signal.addEventListener('abort', forward, { once: true });

    const unpackOne = async (w: (typeof wanted)[number], copier: Copier, hasher: HashThread | null): Promise<UnpackedFile> => {
      const name = path.posix.basename(w.path);
      const staged = path.join(staging, w.lessonId, name);
      await fs.promises.mkdir(path.dirname(staged), { recursive: true });
      const onBytes = (n: number) => run.progress(Math.min(0.95, (done += n) / total));
      const failure = (err: unknown) => (stop.signal.aborted ? stop.signal.reason : packageError(err)) as unknown;
      let sha256: string | null = null;
      let crc32 = 0;
      if (w.entry.compressionMethod === 0) {
        // Stored, as media is: its bytes are copied straight from the package, checksummed on the way.
        const start = await entryDataStart(opened.zip, w.entry).catch((err: unknown) => {
          throw packageError(err);
        });
        await hasher?.start();
        const out = await fs.promises.open(staged, 'wx');
        try {
          const chunkBytes = hasher ? HASHED_CHUNK_BYTES : PLAIN_CHUNK_BYTES;
          await copier
            .copy({ fd: packageFd, position: start }, { fd: out.fd, position: 0 }, w.entry.uncompressedSize, chunkBytes, (chunk) => {
              onBytes(chunk.length);
              crc32 = crc32Of(chunk, crc32);
              return hasher?.update(chunk);
            })
            .catch((err: unknown) => {
              throw failure(err);
            });
        } finally {
          await out.close();
        }
        sha256 = (await hasher?.digest()) ?? null;
      } else {
        const hashStream = new HashStream(onBytes, { sha256: hasher !== null });
        await pipeline(await entryStream(opened.zip, w.entry), hashStream, fs.createWriteStream(staged, { flags: 'wx' }), {
          signal: stop.signal,
        }).catch((err: unknown) => {
          throw failure(err);
        });
        sha256 = hashStream.digest();
        crc32 = hashStream.crc32;
      }
      const listed = opened.listed.get(w.path)!;
      if (listed.crc32 === undefined ? sha256 !== listed.sha256 : crc32 !== listed.crc32)
        throw new StudioError('package_checksum', { entry: w.path });
      return { lessonId: w.lessonId, kind: w.kind, relPath: path.join(w.lessonId, name), mime: w.mime, size: w.entry.uncompressedSize, sha256, crc32, mtimeMs: 0 };
    };

    // Two lanes: while one lane's chunk is checksummed on this thread, libuv's threads read and write
    // the other's. A version 1 package needs each file's sha256, which each lane computes on a thread
    // of its own, so that two files are hashed at once, on both cores.
    let next = 0;
    const lane = async () => {
      const copier = new Copier(stop.signal);
      const hasher = opened.manifest.version === 1 ? new HashThread() : null;
      try {
        while (next < wanted.length && !stop.signal.aborted) {
          const i = next++;
          files[i] = await unpackOne(wanted[i]!, copier, hasher);
        }
      } catch (err) {
        stop.abort(err);
      } finally {
        await hasher?.close();
      }
    };
    await Promise.all(Array.from({ length: Math.min(LANES, wanted.length) }, lane));
    run.signal.removeEventListener('abort', forward);
    if (stop.signal.aborted) throw stop.signal.reason;

    for (const f of files) {
      const target = path.join(ctx.paths.media, f.relPath);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(path.join(staging, f.relPath), target);
      placed.push(target);
      // Checked just now: the library remembers its checksums for this file as it is.
      f.mtimeMs = (await fs.promises.stat(target)).mtimeMs;
    }
    applyPackage(ctx.db, {
      manifest: opened.manifest,
      collection: opened.collection,
      lessons: opened.lessons,
      files,
      archive: { id: newId(), fileName: run.fileName },
      now: ctx.now(),
    });
    run.progress(1);
    return { collectionId: opened.collection?.id ?? null, lessonIds: opened.lessons.map((l) => l.id) };
  } catch (err) {
    for (const target of placed) {
      await fs.promises.rm(target, { force: true });
      // A lesson folder made for this import goes too; one that holds other files stays.
      await fs.promises.rmdir(path.dirname(target)).catch(() => undefined);
    }
    throw err;
  } finally {
    opened.close();
    await fs.promises.rm(staging, { recursive: true, force: true });
  }
}
