import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StudioError } from '../../common/errors';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { lessonAssets } from '../library/queries';
import { applyPackage, type UnpackedFile } from './apply';
import { freeBytes } from './destination';
import { Sums } from './checksums';
import { Copier } from './copier';
import { entryDataStart, zipDescriptor } from './file-reader';
import { HashStream } from './hash-stream';
import { entryStream, openPackage, packageError } from './read';

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
    const files: UnpackedFile[] = [];
    const copier = new Copier(run.signal);
    const packageFd = zipDescriptor(opened.zip);
    for (const w of wanted) {
      const name = path.posix.basename(w.path);
      const staged = path.join(staging, w.lessonId, name);
      await fs.promises.mkdir(path.dirname(staged), { recursive: true });
      const onBytes = (n: number) => run.progress(Math.min(0.95, (done += n) / total));
      let sha256: string;
      if (w.entry.compressionMethod === 0) {
        // Stored, as media is: its bytes are copied straight from the package, hashed on the way.
        const start = await entryDataStart(opened.zip, w.entry).catch((err: unknown) => {
          throw packageError(err);
        });
        const sums = new Sums({ sha256: true, crc32: false });
        const out = await fs.promises.open(staged, 'wx');
        try {
          await copier
            .copy({ fd: packageFd, position: start }, { fd: out.fd, position: 0 }, w.entry.uncompressedSize, (chunk) => {
              sums.update(chunk);
              onBytes(chunk.length);
            })
            .catch((err: unknown) => {
              throw run.signal.aborted ? err : packageError(err);
            });
        } finally {
          await out.close();
        }
        sha256 = sums.result().sha256!;
      } else {
        const hasher = new HashStream(onBytes);
        await pipeline(await entryStream(opened.zip, w.entry), hasher, fs.createWriteStream(staged, { flags: 'wx' }), {
          signal: run.signal,
        }).catch((err: unknown) => {
          throw run.signal.aborted ? err : packageError(err);
        });
        sha256 = hasher.digest();
      }
      if (sha256 !== w.sha256) throw new StudioError('package_checksum', { entry: w.path });
      files.push({
        lessonId: w.lessonId,
        kind: w.kind,
        relPath: path.join(w.lessonId, name),
        mime: w.mime,
        size: w.entry.uncompressedSize,
        sha256: w.sha256,
        mtimeMs: 0,
      });
    }
    for (const f of files) {
      const target = path.join(ctx.paths.media, f.relPath);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(path.join(staging, f.relPath), target);
      placed.push(target);
      // Verified against its sha256 just now: the library remembers it for this file as it is.
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
