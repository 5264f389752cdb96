import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { StudioError } from '../../common/errors';
import type { ExportRequest } from '../../common/schemas/package';
import type { CoreContext } from '../app/context';
import { readSettings } from '../settings/settings';
import { myUserId } from '../sync/account';
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
import { HashStream, READ_CHUNK_BYTES } from './hash-stream';
import { collectionRecord, lessonRecord } from './records';
import { selectContent, type MediaFile } from './select';
import './zip-crc';

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
 * Writes a `.pcircle` package to `target`, streaming: each media file is read once, hashed and
 * checksummed on its way into the zip, and never held in memory. Video is stored, not deflated
 * (it does not compress); the JSON records are deflated. The manifest goes last, with every checksum.
 */
export async function writePackage(ctx: CoreContext, request: ExportRequest, target: string, run: WriteRun): Promise<void> {
  const selection = await selectContent(ctx, request.target, request.media);
  const exporterId = myUserId(ctx.db);
  const files: Manifest['files'] = [];
  const zip = new yazl.ZipFile();
  const written = pipeline(zip.outputStream, fs.createWriteStream(target, { flags: 'wx' }), { signal: run.signal });

  const total = [...selection.media.values()].flat().reduce((sum, m) => sum + m.size, 0) || 1;
  let done = 0;
  const onBytes = (n: number) => {
    done += n;
    run.progress(Math.min(0.99, done / total));
  };

  const addJson = (path: string, value: unknown) => {
    const buffer = Buffer.from(JSON.stringify(value));
    files.push({ path, size: buffer.length, sha256: HashStream.of(buffer) });
    zip.addBuffer(buffer, path, { compress: true });
  };

  const hashed: Array<Promise<void>> = [];
  const lessons: PackageLesson[] = [];
  for (const lessonId of selection.lessonIds) {
    const media: PackageLesson['media'] = [];
    for (const m of selection.media.get(lessonId) ?? []) {
      const path = entryName(lessonId, m);
      const hasher = new HashStream(onBytes);
      const entry = { path, size: m.size, sha256: '' };
      const record = { kind: m.kind, path, mime: m.mime, sha256: '' };
      files.push(entry);
      media.push(record);
      hashed.push(
        new Promise((resolve, reject) => {
          hasher.once('end', () => {
            entry.sha256 = record.sha256 = hasher.digest();
            if (hasher.bytes !== m.size) reject(new StudioError('media_failed', { detail: `${path} changed while exporting` }));
            else resolve();
          });
          hasher.once('error', reject);
        }),
      );
      zip.addReadStreamLazy(path, { compress: false, size: m.size }, (cb) => {
        const source = fs.createReadStream(m.file, { highWaterMark: READ_CHUNK_BYTES });
        source.once('error', (err) => hasher.destroy(err));
        cb(null, source.pipe(hasher));
      });
    }
    lessons.push(lessonRecord(ctx.db, lessonId, { includePrivateNotes: request.includePrivateNotes, exporterId, media }));
  }

  const finished = (async () => {
    await Promise.all(hashed);
    // The records name their media's checksums, so they are added once the media has streamed through.
    for (const lesson of lessons) addJson(lessonDataPath(lesson.id), lesson);
    if (selection.collectionId) addJson(COLLECTION_PATH, collectionRecord(ctx.db, selection.collectionId, selection.readyItemIds));
    const manifest: Manifest = {
      format: PACKAGE_FORMAT,
      version: PACKAGE_VERSION,
      kind: request.target.kind,
      rootId: request.target.id,
      title: selection.title,
      createdAt: ctx.now(),
      app: run.appVersion,
      exportedBy: { userId: exporterId, name: readSettings(ctx.db).displayName },
      community: selection.communityId
        ? { id: selection.communityId, name: communityName(ctx.db, selection.communityId, null) ?? '' }
        : null,
      files,
    };
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), MANIFEST_PATH, { compress: true });
    zip.end();
  })();
  await Promise.all([finished, written]);
  run.progress(1);
}
