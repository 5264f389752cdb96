import type { Readable } from 'node:stream';
import pMap from 'p-map';
import yauzl from 'yauzl';
import { z } from 'zod';
import { StudioError } from '../../common/errors';
import { entityDefinition } from '../../common/sync/entities';
import {
  COLLECTION_PATH,
  entryPathSchema,
  lessonDataPath,
  MANIFEST_PATH,
  manifestSchema,
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  READABLE_VERSIONS,
  packageCollectionSchema,
  packageLessonSchema,
  type Manifest,
  type PackageCollection,
  type PackageLesson,
} from './format';
import { centralDirectoryOffset, entryDataStart, openZipFile } from './file-reader';
import { HashStream } from './hash-stream';

/** Limits that keep a hostile archive from exhausting memory or disk before it is refused. */
const MAX_ENTRIES = 100_000;
const MAX_JSON_BYTES = 64 * 1024 * 1024;
/** Records read at once. */
const RECORD_READS = 16;
/** Deflate rarely exceeds 10:1 on real data (and video is stored); 200:1 is a bomb, not a lesson. */
const MAX_RATIO = 200;
const RATIO_FLOOR_BYTES = 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export interface OpenedPackage {
  zip: yauzl.ZipFile;
  manifest: Manifest;
  entries: Map<string, yauzl.Entry>;
  /** Where each entry's data starts, read from its local header while checking the layout. */
  dataStarts: Map<string, number>;
  /** The manifest's line for each entry. */
  listed: Map<string, Manifest['files'][number]>;
  collection: PackageCollection | null;
  lessons: PackageLesson[];
  /** What unpacking writes to disk. */
  totalBytes: number;
  close(): void;
}

function unsafeName(message: string): string | null {
  const match = /^(?:absolute path|invalid relative path|invalid characters in fileName): (.*)$/s.exec(message);
  return match ? match[1]! : null;
}

/** yauzl reports what it refuses as plain errors; they become codes a person can read. */
export function packageError(err: unknown): StudioError {
  if (err instanceof StudioError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const entry = unsafeName(message);
  if (entry !== null) return new StudioError('package_unsafe_path', { entry: entry.slice(0, 200) });
  if (/too many bytes in the stream|expected uncompressed size/.test(message))
    return new StudioError('package_bomb', { detail: message.slice(0, 200) });
  return new StudioError('package_invalid', { detail: message.slice(0, 200) });
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return openZipFile(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }).catch(
    (err: unknown) => {
      throw packageError(err);
    },
  );
}

/** Every entry's header, each checked before a single byte of content is read. */
function readEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > MAX_ENTRIES) return Promise.reject(new StudioError('package_invalid', { detail: `${zip.entryCount} entries` }));
  const entries = new Map<string, yauzl.Entry>();
  return new Promise((resolve, reject) => {
    const fail = (err: unknown) => {
      zip.removeAllListeners();
      reject(packageError(err));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        checkEntry(entry);
        if (!entry.fileName.endsWith('/')) {
          if (entries.has(entry.fileName)) throw new StudioError('package_invalid', { detail: `${entry.fileName} twice` });
          entries.set(entry.fileName, entry);
        }
        zip.readEntry();
      } catch (err) {
        fail(err);
      }
    });
    zip.readEntry();
  });
}

function checkEntry(entry: yauzl.Entry): void {
  const name = entry.fileName;
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) throw new StudioError('package_link', { entry: name.slice(0, 200) });
  if (!entryPathSchema.safeParse(name.replace(/\/$/, '')).success)
    throw new StudioError('package_unsafe_path', { entry: name.slice(0, 200) });
  if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)) {
    throw new StudioError('package_invalid', { detail: `${name}: unsupported compression` });
  }
  const stored = entry.compressionMethod === 0;
  if (
    (stored && entry.uncompressedSize !== entry.compressedSize) ||
    (!stored && entry.uncompressedSize > Math.max(RATIO_FLOOR_BYTES, entry.compressedSize * MAX_RATIO))
  ) {
    throw new StudioError('package_bomb', { entry: name.slice(0, 200) });
  }
}

/**
 * Each entry's bytes (local header and data) must be its own: entries that share bytes, or run into
 * one another or into the central directory, pass every per-entry check while one body is written
 * many times over (five names for one 4 MiB body wrote 20 MiB). The ranges come from the central
 * directory and each local header; the data starts are kept for unpacking.
 */
async function checkLayout(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>): Promise<Map<string, number>> {
  const centralStart = centralDirectoryOffset(zip);
  const ranges = await pMap(
    entries,
    async ([name, entry]) => {
      const dataStart = await entryDataStart(zip, entry);
      return { name, start: entry.relativeOffsetOfLocalHeader, dataStart, end: dataStart + entry.compressedSize };
    },
    { concurrency: RECORD_READS },
  );
  ranges.sort((a, b) => a.start - b.start);
  let previous: (typeof ranges)[number] | null = null;
  for (const range of ranges) {
    if (previous && range.start < previous.end)
      throw new StudioError('package_invalid', { detail: `${range.name} overlaps ${previous.name}`.slice(0, 200) });
    if (range.end > centralStart)
      throw new StudioError('package_invalid', { detail: `${range.name} overlaps the directory`.slice(0, 200) });
    previous = range;
  }
  return new Map(ranges.map((r) => [r.name, r.dataStart]));
}

export function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(packageError(err)) : resolve(stream))));
}

/** Reads a small entry, refusing it when its bytes do not match the checksum the manifest gives. */
async function readJson(zip: yauzl.ZipFile, entry: yauzl.Entry, sha256: string | null): Promise<unknown> {
  if (entry.uncompressedSize > MAX_JSON_BYTES) throw new StudioError('package_bomb', { entry: entry.fileName });
  const parts: Buffer[] = [];
  try {
    for await (const part of await entryStream(zip, entry)) parts.push(part as Buffer);
  } catch (err) {
    throw packageError(err);
  }
  const bytes = Buffer.concat(parts);
  if (sha256 !== null && HashStream.of(bytes) !== sha256) throw new StudioError('package_checksum', { entry: entry.fileName });
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new StudioError('package_invalid', { detail: `${entry.fileName} is not JSON` });
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, entry: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new StudioError('package_invalid', { detail: `${entry}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.slice(0, 200) });
}

/** The version is read before the rest, so a package from a newer app says so instead of "invalid". */
function parseManifest(raw: unknown): Manifest {
  const head = z.object({ format: z.string(), version: z.unknown() }).safeParse(raw);
  if (!head.success || head.data.format !== PACKAGE_FORMAT)
    throw new StudioError('package_invalid', { detail: 'not a Practice Circle package' });
  if (!(READABLE_VERSIONS as readonly unknown[]).includes(head.data.version))
    throw new StudioError('package_version', { found: String(head.data.version).slice(0, 20), supported: PACKAGE_VERSION });
  return parseWith(manifestSchema, raw, MANIFEST_PATH);
}

/**
 * Opens a package and checks everything that can be checked without unpacking media: entry names,
 * links, sizes against compressed sizes and free disk, the manifest's version and its list against
 * the zip's, and the records (checksums included). Nothing is written. The media checksums are
 * verified while unpacking.
 */
export async function openPackage(file: string, freeBytes: number | null): Promise<OpenedPackage> {
  const zip = await openZip(file);
  try {
    const entries = await readEntries(zip);
    const dataStarts = await checkLayout(zip, entries);
    const totalBytes = [...entries.values()].reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (freeBytes !== null && totalBytes > freeBytes) throw new StudioError('package_no_space', { neededBytes: totalBytes, freeBytes });

    const manifestEntry = entries.get(MANIFEST_PATH);
    if (!manifestEntry) throw new StudioError('package_invalid', { detail: 'no manifest' });
    const manifest = parseManifest(await readJson(zip, manifestEntry, null));
    const listed = new Map(manifest.files.map((f) => [f.path, f]));
    for (const [name, entry] of entries) {
      if (name === MANIFEST_PATH) continue;
      const file = listed.get(name);
      if (!file || file.size !== entry.uncompressedSize)
        throw new StudioError('package_invalid', { detail: `${name} is not in the manifest as it is` });
      if (file.crc32 !== undefined && file.crc32 !== entry.crc32) throw new StudioError('package_checksum', { entry: name });
    }
    for (const name of listed.keys()) if (!entries.has(name)) throw new StudioError('package_invalid', { detail: `${name} is missing` });

    const json = async <T>(schema: z.ZodType<T>, path: string): Promise<T> => {
      const entry = entries.get(path);
      if (!entry) throw new StudioError('package_invalid', { detail: `${path} is missing` });
      return parseWith(schema, await readJson(zip, entry, listed.get(path)!.sha256), path);
    };
    const collection = manifest.kind === 'collection' ? await json(packageCollectionSchema, COLLECTION_PATH) : null;
    const lessonIds = collection ? [...new Set(collection.items.map((i) => i.lessonId))] : [manifest.rootId];
    if (collection && collection.id !== manifest.rootId)
      throw new StudioError('package_invalid', { detail: 'collection is not the package root' });
    // Read side by side: each record is a few reads of the package, and there may be hundreds.
    const lessons = await pMap(
      lessonIds,
      async (id) => {
        const lesson = await json(packageLessonSchema, lessonDataPath(id));
        if (lesson.id !== id) throw new StudioError('package_invalid', { detail: `${lessonDataPath(id)} holds another lesson` });
        for (const r of lesson.shared) {
          if (!entityDefinition(r.entity).fields.safeParse(r.fields).success)
            throw new StudioError('package_invalid', { detail: `${lessonDataPath(id)}: ${r.entity} ${r.id}` });
        }
        for (const m of lesson.media) {
          if (!m.path.startsWith(`media/${id}/`) || listed.get(m.path)?.sha256 !== m.sha256)
            throw new StudioError('package_invalid', { detail: `${m.path} does not belong to its lesson` });
        }
        return lesson;
      },
      { concurrency: RECORD_READS },
    );
    return { zip, manifest, entries, dataStarts, listed, collection, lessons, totalBytes, close: () => zip.close() };
  } catch (err) {
    zip.close();
    throw packageError(err);
  }
}
