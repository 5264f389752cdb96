import fs from 'node:fs/promises';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import { writeAtomically } from '../library/files';
import { lessonAssets } from '../library/queries';
import { makePoster } from '../media/poster';
import { getCollectionRow } from './queries';

/** Sources to cut a frame from, cheapest to decode first. */
const frameSources = ['proxy', 'playable', 'original'] as const;

export function coversDir(ctx: Pick<CoreContext, 'paths'>, collectionId: string): string {
  return path.join(ctx.paths.root, 'collections', collectionId);
}

/**
 * The cover of a collection, served under the collection's id like any media asset. The chosen frame
 * is cut on first use on each device (members cut it from the lesson they downloaded), and named by
 * lesson and moment so a new choice never serves a stale picture. Until the lesson's video is here,
 * its poster stands in.
 */
export async function collectionCoverFile(ctx: CoreContext, id: string): Promise<{ file: string; mime: string } | undefined> {
  const c = getCollectionRow(ctx.db, id);
  if (!c?.coverLessonId) return undefined;
  const assets = lessonAssets(ctx.db, c.coverLessonId);
  const file = path.join(coversDir(ctx, id), `cover-${c.coverLessonId}-${c.coverMs ?? 0}.jpg`);
  if (
    await fs.stat(file).then(
      (s) => s.isFile(),
      () => false,
    )
  )
    return { file, mime: 'image/jpeg' };
  const source = frameSources.map((kind) => assets.find((a) => a.kind === kind)).find(Boolean);
  if (source) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const made = await writeAtomically(file, (tmp) =>
      makePoster(ctx.requireTools(), path.join(ctx.paths.media, source.relPath), tmp, { atMs: c.coverMs ?? 0 }),
    ).then(
      () => true,
      (err: unknown) => {
        ctx.logger.warn('cover frame failed', { id, error: String(err) });
        return false;
      },
    );
    if (made) {
      await removeCovers(ctx, id, path.basename(file));
      return { file, mime: 'image/jpeg' };
    }
  }
  const poster = assets.find((a) => a.kind === 'poster');
  return poster ? { file: path.join(ctx.paths.media, poster.relPath), mime: poster.mime } : undefined;
}

/** Drops a collection's cut covers, all of them or all but `keep`. */
export async function removeCovers(ctx: Pick<CoreContext, 'paths'>, collectionId: string, keep?: string): Promise<void> {
  const dir = coversDir(ctx, collectionId);
  if (!keep) return fs.rm(dir, { recursive: true, force: true });
  for (const name of await fs.readdir(dir).catch(() => [])) if (name !== keep) await fs.rm(path.join(dir, name), { force: true });
}

/** Cut covers of collections this device no longer holds (taken down by a lead elsewhere) go too. */
export async function sweepCovers(ctx: Pick<CoreContext, 'paths'>, keep: ReadonlySet<string>): Promise<void> {
  const root = path.join(ctx.paths.root, 'collections');
  for (const id of await fs.readdir(root).catch(() => []))
    if (!keep.has(id)) await fs.rm(path.join(root, id), { recursive: true, force: true });
}
