import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../common/errors';
import type { JobKind } from '../../common/schemas/job';
import type { ImportSource } from '../../common/schemas/lesson';
import { exportRequestSchema, type ExportEstimate, type ExportRequest } from '../../common/schemas/package';
import type { CoreContext } from '../app/context';
import type { StoredJob } from '../jobs/queries';
import type { JobHandler } from '../jobs/queue';
import { buildWebExport } from '../web-export/build';
import { checkPackageClaims } from './claims';
import { licenceConcerns } from './concerns';
import { exportFolder, freeBytes, freeName } from './destination';
import { openPackage } from './read';
import { safeFileName, selectContent } from './select';
import { unpackPackage } from './unpack';
import { writePackage } from './write';

/** Bytes a zip adds per entry (local header, data descriptor, central directory record), generously. */
const ZIP_ENTRY_OVERHEAD = 256;
/** The page, its script and style, and each lesson's records or captions, generously. */
const PAGE_BYTES = 64 * 1024;
const RECORD_BYTES_PER_LESSON = 16 * 1024;
/** `verify.html` and its script (the verifier with its contexts, about 700 KB), generously. */
const VERIFY_PAGE_BYTES = 1024 * 1024;

async function nameFor(request: ExportRequest, folder: string, title: string): Promise<string> {
  const base = safeFileName(title, request.target.kind);
  return request.format === 'pcircle' ? freeName(folder, base, '.pcircle') : freeName(folder, base, '');
}

/** What the export dialog shows before anything is written: sizes, and the room where it goes. */
export async function estimateExport(ctx: CoreContext, request: ExportRequest): Promise<ExportEstimate> {
  const folder = await exportFolder(ctx, request.folder);
  const selection = await selectContent(ctx, request.target, request.media);
  const files = [...selection.media.values()].flat();
  const lessonCount = selection.lessonIds.length;
  const base = {
    folder,
    name: await nameFor(request, folder, selection.title),
    lessonCount,
    skippedItems: selection.skippedItems,
    freeBytes: await freeBytes(folder),
    licenceConcerns: licenceConcerns(ctx.db, request.target, selection),
  };
  if (request.format === 'pcircle') {
    const totalBytes = files.reduce((sum, f) => sum + f.size + ZIP_ENTRY_OVERHEAD, 0) + lessonCount * RECORD_BYTES_PER_LESSON + PAGE_BYTES;
    return { ...base, totalBytes, largestFileBytes: totalBytes, fileCount: 1 };
  }
  // A web export carries each lesson's video and poster, not the scrubbing extras.
  const copied = files.filter((f) => f.kind !== 'sprite' && f.kind !== 'sprite_index' && f.kind !== 'peaks');
  const verifyPage = request.verifyPage ? { bytes: VERIFY_PAGE_BYTES, files: 2 } : { bytes: 0, files: 0 };
  return {
    ...base,
    totalBytes: copied.reduce((sum, f) => sum + f.size, 0) + lessonCount * RECORD_BYTES_PER_LESSON + PAGE_BYTES + verifyPage.bytes,
    largestFileBytes: copied.reduce((max, f) => Math.max(max, f.size), 0),
    fileCount: copied.length + lessonCount + 4 + verifyPage.files,
  };
}

export async function startExport(ctx: CoreContext, request: ExportRequest): Promise<{ job: StoredJob; path: string }> {
  if (request.format === 'web' && !request.labels) throw new StudioError('invalid_input', { path: 'labels' });
  if (request.format === 'web' && request.verifyPage && !request.labels?.verify)
    throw new StudioError('invalid_input', { path: 'labels.verify' });
  const folder = await exportFolder(ctx, request.folder);
  const selection = await selectContent(ctx, request.target, request.media);
  const target = path.join(folder, await nameFor(request, folder, selection.title));
  const job = ctx.jobs.enqueue(request.format === 'pcircle' ? 'package_export' : 'web_export', null, { request, path: target });
  return { job, path: target };
}

function incomingFile(ctx: CoreContext, id: string): string {
  return path.join(ctx.paths.root, 'incoming', `${id}.pcircle`);
}

/**
 * Checks the package at once (a bad one is refused before any job starts, with nothing written),
 * then imports it as a job. A package the browser shell streamed in is kept outside the staging
 * folder meanwhile, so an import cut short by a restart resumes.
 */
export async function startImport(ctx: CoreContext, source: ImportSource): Promise<StoredJob> {
  let file = source.kind === 'path' ? source.path : ctx.paths.stagedFile(source.stagedId);
  const name = source.kind === 'path' ? path.basename(source.path) : source.name;
  try {
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) throw new StudioError('file_not_found', { name });
    const opened = await openPackage(file, await freeBytes(ctx.paths.root));
    try {
      checkPackageClaims(ctx.db, opened);
    } finally {
      opened.close();
    }
    if (source.kind === 'staged') {
      const kept = incomingFile(ctx, source.stagedId);
      await fs.mkdir(path.dirname(kept), { recursive: true });
      await fs.rename(file, kept);
      file = kept;
    }
  } catch (err) {
    if (source.kind === 'staged') await fs.rm(file, { force: true });
    throw err;
  }
  return ctx.jobs.enqueue('package_import', null, { file, name, incoming: source.kind === 'staged' });
}

function requestOf(job: StoredJob): { request: ExportRequest; path: string } {
  const parsed = exportRequestSchema.safeParse(job.params.request);
  if (!parsed.success || typeof job.params.path !== 'string') throw new StudioError('invalid_input', { path: 'job' });
  return { request: parsed.data, path: job.params.path };
}

export type PackageJobKind = Extract<JobKind, 'package_export' | 'package_import' | 'web_export'>;

export interface PackageJobOptions {
  appVersion: string;
  /** The web export's verify page script, from the shell (CoreOptions.verifyPageScript). */
  verifyPageScript?: () => Promise<string>;
}

export function packageJobHandlers(
  ctx: CoreContext,
  { appVersion, verifyPageScript }: PackageJobOptions,
): Record<PackageJobKind, JobHandler> {
  return {
    async package_export({ job, signal, progress }) {
      const { request, path: target } = requestOf(job);
      const partial = `${target}.part`;
      try {
        await writePackage(ctx, request, partial, { signal, progress, appVersion });
        await fs.rename(partial, target);
      } finally {
        await fs.rm(partial, { force: true });
      }
    },
    async web_export({ job, signal, progress }) {
      const { request, path: target } = requestOf(job);
      await buildWebExport(ctx, request, target, { signal, progress, verifyPageScript });
    },
    async package_import({ job, signal, progress }) {
      const file = typeof job.params.file === 'string' ? job.params.file : '';
      const fileName = typeof job.params.name === 'string' ? job.params.name : path.basename(file);
      try {
        const imported = await unpackPackage(ctx, file, { signal, progress, fileName });
        ctx.bus.emit('library.changed', { lessonIds: imported.lessonIds });
        if (imported.collectionId) ctx.bus.emit('collections.changed', { ids: [imported.collectionId] });
      } finally {
        if (job.params.incoming === true) await fs.rm(file, { force: true });
      }
    },
  };
}
