import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../core/db/open';
import { openPackage } from '../../../core/packages/read';
import { startTestCore, type TestCore } from '../../support/core';
import { addLessonWithProxy, rememberedProxySums } from '../../support/library-rows';
import { tempDir } from '../../support/web-shell';
import { caller, librarySnapshot } from './support';

/**
 * Export and import keep every checksum right while doing as little as they can: the first export
 * of a media file computes its sha256 and CRC-32 as it copies it and the library remembers them for
 * the file as it is (size and modification time); a file that changed is checksummed again. Both can
 * be cancelled mid-file and leave nothing behind.
 */

const PROXY_BYTES = 48 * 1024 * 1024 + 12345;
let lead: TestCore;
let school: TestCore;
let lessonId: string;
let proxyFile: string;
let out: string;

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function unzipTest(file: string): Promise<string> {
  return (await promisify(execFile)('unzip', ['-t', file])).stdout;
}

async function exportLesson(core: TestCore, folder: string): Promise<{ jobId: string; path: string }> {
  const started = await caller(core)('packages.export', { target: { kind: 'lesson', id: lessonId }, folder });
  return { jobId: started.job.id, path: started.path };
}

/** Cancels a job the moment it reports progress: it is then inside a file's bytes. */
function cancelOnFirstProgress(core: TestCore): () => void {
  let done = false;
  return core.bus.subscribe((name, payload) => {
    const job = payload as { id: string; status: string; progress: number };
    if (done || name !== 'jobs.progress' || job.status !== 'running' || !(job.progress > 0 && job.progress < 0.5)) return;
    done = true;
    void caller(core)('jobs.cancel', { id: job.id });
  });
}

beforeAll(async () => {
  const dataDir = await tempDir('checksums-lead');
  const db = openDb(path.join(dataDir, 'studio.db'));
  ({ lessonId, file: proxyFile } = await addLessonWithProxy(db, dataDir, { bytes: randomBytes(PROXY_BYTES) }));
  db.close();
  lead = await startTestCore(dataDir);
  school = await startTestCore();
  out = await tempDir('checksums-out');
});

afterAll(async () => {
  await lead?.dispose();
  await school?.dispose();
  if (lead) await fs.rm(lead.dataDir, { recursive: true, force: true });
  await fs.rm(out, { recursive: true, force: true });
});

describe('package checksums', () => {
  it('are computed by the first export, remembered for the file as it is, and right in the zip', async () => {
    expect(rememberedProxySums(lead.dataDir, lessonId)).toMatchObject({ sha256: null, crc32: null });
    const { jobId, path: file } = await exportLesson(lead, out);
    await lead.jobs.idle();
    expect(lead.jobs.get(jobId)).toMatchObject({ status: 'done', progress: 1 });
    const bytes = await fs.readFile(proxyFile);
    const stat = await fs.stat(proxyFile);
    expect(rememberedProxySums(lead.dataDir, lessonId)).toEqual({
      sha256: sha(bytes),
      crc32: zlib.crc32(bytes),
      checked_size: PROXY_BYTES,
      checked_mtime_ms: stat.mtimeMs,
    });
    expect(await unzipTest(file)).toMatch(/No errors detected/);

    // The second export takes them from the library, and its package is as right.
    const again = await exportLesson(lead, out);
    await lead.jobs.idle();
    expect(lead.jobs.get(again.jobId).status).toBe('done');
    expect(await unzipTest(again.path)).toMatch(/No errors detected/);
  });

  it('of a file that changed are computed again', async () => {
    const changed = randomBytes(PROXY_BYTES);
    await fs.writeFile(proxyFile, changed);
    const later = new Date(Date.now() + 5000);
    await fs.utimes(proxyFile, later, later);
    const { jobId, path: file } = await exportLesson(lead, out);
    await lead.jobs.idle();
    expect(lead.jobs.get(jobId).status).toBe('done');
    expect(rememberedProxySums(lead.dataDir, lessonId)).toMatchObject({
      sha256: sha(changed),
      crc32: zlib.crc32(changed),
      checked_mtime_ms: (await fs.stat(proxyFile)).mtimeMs,
    });
    expect(await unzipTest(file)).toMatch(/No errors detected/);

    // The package lists the file's CRC-32, which the school checks while unpacking and remembers for its
    // own copy; the sha256 is computed only when first needed, here by exporting the lesson again.
    const opened = await openPackage(file, null);
    opened.close();
    expect(opened.manifest.version).toBe(3);
    expect(opened.listed.get(`media/${lessonId}/proxy.mp4`)).toMatchObject({ sha256: sha(changed), crc32: zlib.crc32(changed) });
    const job = await caller(school)('packages.import', { source: { kind: 'path', path: file } });
    await school.jobs.idle();
    expect(school.jobs.get(job.id).status).toBe('done');
    const theirs = path.join(school.dataDir, 'media', lessonId, 'proxy.mp4');
    const stamp = { checked_size: PROXY_BYTES, checked_mtime_ms: (await fs.stat(theirs)).mtimeMs };
    expect(rememberedProxySums(school.dataDir, lessonId)).toEqual({ sha256: null, crc32: zlib.crc32(changed), ...stamp });
    expect((await fs.readFile(theirs)).equals(changed)).toBe(true);
    const onward = await tempDir('checksums-onward');
    try {
      const started = await caller(school)('packages.export', { target: { kind: 'lesson', id: lessonId }, folder: onward });
      await school.jobs.idle();
      expect(school.jobs.get(started.job.id).status).toBe('done');
      expect(rememberedProxySums(school.dataDir, lessonId)).toEqual({ sha256: sha(changed), crc32: zlib.crc32(changed), ...stamp });
    } finally {
      await fs.rm(onward, { recursive: true, force: true });
    }
  });

  it('cancelled mid-file, an export leaves no file and an import changes nothing', async () => {
    const folder = await tempDir('checksums-cancel');
    const { path: file } = await exportLesson(lead, folder);
    await lead.jobs.idle();
    await fs.rm(path.join(school.dataDir, 'media', lessonId), { recursive: true, force: true });
    const stopExport = cancelOnFirstProgress(lead);
    const cancelled = await exportLesson(lead, folder);
    await lead.jobs.idle();
    stopExport();
    expect(lead.jobs.get(cancelled.jobId).status).toBe('cancelled');
    expect(await fs.readdir(folder)).toEqual([path.basename(file)]);

    const fresh = await startTestCore();
    try {
      const before = await librarySnapshot(fresh);
      const stopImport = cancelOnFirstProgress(fresh);
      const job = await caller(fresh)('packages.import', { source: { kind: 'path', path: file } });
      await fresh.jobs.idle();
      stopImport();
      expect(fresh.jobs.get(job.id).status).toBe('cancelled');
      expect(await librarySnapshot(fresh)).toEqual(before);
    } finally {
      await fresh.dispose();
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});
