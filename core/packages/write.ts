import fs from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import type { ExportRequest } from '../../common/schemas/package';
import type { CoreContext } from '../app/context';
import { readSettings } from '../settings/settings';
import { myUserId, readAccount } from '../sync/account';
import { communityName } from '../collections/queries';
import {
  COLLECTION_PATH,
  lessonDataPath,
  MANIFEST_PATH,
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  type Manifest,
  type PackageLesson,
} from './format';
import { rememberSums, stillHolds } from '../library/checksums';
import { crc32 as crc32Of } from '../library/crc32';
import { borrowCopyThread, giveBack, type CopyThread } from './copy-thread';
import { HashStream } from './hash-stream';
import { collectionRecord, lessonRecord } from './records';
import { selectContent, type MediaFile } from './select';
import { ZipWriter } from './zip-writer';

const extensionOf: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'image/jpeg': 'jpg',
  'application/json': 'json',
};

function entryName(lessonId: string, media: MediaFile): string {
  const ext =
    extensionOf[media.mime] ??
    (media.file
      .split('.')
      .pop()
      ?.toLowerCase()
      .replace(/[^a-z0-9]/g, '') ||
      'bin');
  return `media/${lessonId}/${media.kind}.${ext}`;
}

export interface WriteRun {
  signal: AbortSignal;
  progress(fraction: number): void;
  appVersion: string;
}

/**
 * Copies one media file into the zip as a stored entry and returns its checksums. Checksums the library
 * remembers for the file as it is are used as they are; the rest are computed while the bytes are
 * copied, and remembered.
 */
async function packMedia(
  ctx: CoreContext,
  zip: ZipWriter,
  thread: CopyThread,
  signal: AbortSignal,
  out: number,
  m: MediaFile,
  path: string,
  onBytes: (n: number) => void,
): Promise<{ sha256: string; crc32: number }> {
  const source = await fs.open(m.file, 'r');
  try {
    const before = await source.stat();
    const changed = () => new StudioError('media_failed', { detail: `${path} changed while exporting` });
    if (before.size !== m.size) throw changed();
    const known = stillHolds(m.checked, before);
    const { entry, dataOffset } = await zip.beginStored(path, m.size, known.crc32);
    const copied = await thread.copy(
      {
        from: { fd: source.fd, position: 0 },
        to: { fd: out, position: dataOffset },
        length: m.size,
        sums: { sha256: known.sha256 === null, crc32: known.crc32 === null },
      },
      signal,
      onBytes,
    );
    const sums = { sha256: known.sha256 ?? copied.sha256!, crc32: known.crc32 ?? copied.crc32! };
    const after = await source.stat();
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw changed();
    if (known.crc32 === null) await zip.sealStored(entry, sums.crc32);
    if (known.sha256 === null || known.crc32 === null) rememberSums(ctx.db, m.assetId, sums, before);
    return sums;
  } finally {
    await source.close();
  }
}

/**
 * Writes a `.pcircle` package to `target`: each media file is read once, its bytes copied into the
 * zip in large chunks and checksummed on the way (unless the library already knows its checksums),
 * never held in memory whole. Video is stored, not deflated (it does not compress); the JSON records
 * are deflated. The manifest goes last, with every checksum.
 */
export async function writePackage(ctx: CoreContext, request: ExportRequest, target: string, run: WriteRun): Promise<void> {
  const selection = await selectContent(ctx, request.target, request.media);
  const exporterId = myUserId(ctx.db);
  const files: Manifest['files'] = [];

  const total = [...selection.media.values()].flat().reduce((sum, m) => sum + m.size, 0) || 1;
  let done = 0;
  const onBytes = (n: number) => {
    done += n;
    run.progress(Math.min(0.99, done / total));
  };

  const out = await fs.open(target, 'wx');
  const thread = borrowCopyThread();
  try {
    const zip = new ZipWriter(out.fd, new Date(ctx.now()));
    const addJson = async (path: string, value: unknown) => {
      const buffer = Buffer.from(JSON.stringify(value));
      files.push({ path, size: buffer.length, sha256: HashStream.of(buffer), crc32: crc32Of(buffer) });
      await zip.addBuffer(path, buffer, true);
    };

    const lessons: PackageLesson[] = [];
    for (const lessonId of selection.lessonIds) {
      const media: PackageLesson['media'] = [];
      for (const m of selection.media.get(lessonId) ?? []) {
        const path = entryName(lessonId, m);
        const sums = await packMedia(ctx, zip, thread, run.signal, out.fd, m, path, onBytes);
        files.push({ path, size: m.size, ...sums });
        media.push({ kind: m.kind, path, mime: m.mime, sha256: sums.sha256 });
      }
      lessons.push(lessonRecord(ctx.db, lessonId, { includePrivateNotes: request.includePrivateNotes, exporterId, media }));
    }

    for (const lesson of lessons) await addJson(lessonDataPath(lesson.id), lesson);
    if (selection.collectionId) await addJson(COLLECTION_PATH, collectionRecord(ctx.db, selection.collectionId, selection.readyItemIds));
    const manifest: Manifest = {
      format: PACKAGE_FORMAT,
      version: PACKAGE_VERSION,
      kind: request.target.kind,
      rootId: request.target.id,
      title: selection.title,
      createdAt: ctx.now(),
      app: run.appVersion,
      exportedBy: { userId: exporterId, name: readSettings(ctx.db).displayName || (readAccount(ctx.db)?.displayName ?? '') },
      community: selection.communityId
        ? { id: selection.communityId, name: communityName(ctx.db, selection.communityId, null) ?? '' }
        : null,
      files,
    };
    await zip.addBuffer(MANIFEST_PATH, Buffer.from(JSON.stringify(manifest, null, 2)), true);
    run.signal.throwIfAborted();
    await zip.finish();
  } finally {
    giveBack(thread);
    await out.close();
  }
  run.progress(1);
}
