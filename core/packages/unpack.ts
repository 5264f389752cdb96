import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StudioError } from '../../common/errors';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { lessonAssets } from '../library/queries';
import { applyPackage, type UnpackedFile } from './apply';
import { checkPackageClaims } from './claims';
import { freeBytes } from './destination';
import { borrowCopyThread, giveBack, type CopyThread } from './copy-thread';
import { HashStream } from './hash-stream';
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
    const { ownLessons } = checkPackageClaims(ctx.db, opened);
    const wanted = opened.lessons.flatMap((lesson) => {
      if (ownLessons.has(lesson.id)) return [];
      const have = new Set(lessonAssets(ctx.db, lesson.id).map((a) => a.kind));
      return lesson.media.filter((m) => !have.has(m.kind)).map((m) => ({ lessonId: lesson.id, ...m, entry: opened.entries.get(m.path)! }));
    });
    const total = wanted.reduce((sum, w) => sum + w.entry.uncompressedSize, 0) || 1;
    let done = 0;
    const files: UnpackedFile[] = new Array<UnpackedFile>(wanted.length);
    // One failure (or the person cancelling) stops every lane.
    const stop = new AbortController();
    const forward = () => stop.abort(run.signal.reason);
    if (run.signal.aborted) forward();
    else run.signal.addEventListener('abort', forward, { once: true });

    const unpackOne = async (w: (typeof wanted)[number], thread: CopyThread, packageFd: number): Promise<UnpackedFile> => {
      const name = path.posix.basename(w.path);
      const staged = path.join(staging, w.lessonId, name);
      await fs.promises.mkdir(path.dirname(staged), { recursive: true });
      const onBytes = (n: number) => run.progress(Math.min(0.95, (done += n) / total));
      const failure = (err: unknown) => (stop.signal.aborted ? stop.signal.reason : packageError(err)) as unknown;
      // A version 1 package gives no CRC-32: its media is checked by sha256.
      const bySha256 = opened.manifest.version === 1;
      let sha256: string | null = null;
      let crc32 = 0;
      let mtimeMs = 0;
      if (w.entry.compressionMethod === 0) {
        // Stored, as media is: its bytes are copied straight from the package, checksummed on the way.
        const start = opened.dataStarts.get(w.path)!;
        const out = await fs.promises.open(staged, 'wx');
        try {
          const from = { fd: packageFd, position: start };
          const sums = await thread
            .copy(
              { from, to: { fd: out.fd, position: 0 }, length: w.entry.uncompressedSize, sums: { sha256: bySha256, crc32: true } },
              stop.signal,
              onBytes,
            )
            .catch((err: unknown) => {
              throw failure(err);
            });
          sha256 = sums.sha256;
          crc32 = sums.crc32!;
          // Moving the file into the library keeps it: the checksums are remembered for the file as it is now.
          mtimeMs = (await out.stat()).mtimeMs;
        } finally {
          await out.close();
        }
      } else {
        const hashStream = new HashStream(onBytes, { sha256: bySha256 });
        await pipeline(await entryStream(opened.zip, w.entry), hashStream, fs.createWriteStream(staged, { flags: 'wx' }), {
          signal: stop.signal,
        }).catch((err: unknown) => {
          throw failure(err);
        });
        sha256 = hashStream.digest();
        crc32 = hashStream.crc32;
        mtimeMs = (await fs.promises.stat(staged)).mtimeMs;
      }
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
    };

    // Two lanes, each copying (and checksumming) on a thread of its own: two files at once, on both
    // cores. Each reads the package through a descriptor of its own, so that the kernel sees two
    // sequential readers and reads ahead for each: sharing one, an import from a package not in memory
    // took 1.8 times as long.
    let next = 0;
    const lane = async () => {
      const thread = borrowCopyThread();
      const source = await fs.promises.open(file, 'r').catch((err: unknown) => {
        stop.abort(packageError(err));
        return null;
      });
      try {
        while (source && next < wanted.length && !stop.signal.aborted) {
          const i = next++;
          files[i] = await unpackOne(wanted[i]!, thread, source.fd);
        }
      } catch (err) {
        stop.abort(err);
      } finally {
        await source?.close();
        giveBack(thread);
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
