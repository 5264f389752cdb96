import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../common/errors';
import type { CoreContext } from '../app/context';

export function defaultExportFolder(ctx: Pick<CoreContext, 'paths'>): string {
  return path.join(ctx.paths.root, 'exports');
}

/**
 * The folder an export goes into: the one the person chose, which must already exist and be
 * writable (a USB stick that was pulled out is refused before anything is written), or the data
 * folder's own `exports`.
 */
export async function exportFolder(ctx: Pick<CoreContext, 'paths'>, chosen: string | undefined): Promise<string> {
  if (!chosen) {
    const folder = defaultExportFolder(ctx);
    await fs.mkdir(folder, { recursive: true });
    return folder;
  }
  const folder = path.resolve(chosen);
  const stat = await fs.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) throw new StudioError('folder_unwritable', { folder });
  await fs.access(folder, fs.constants.W_OK).catch(() => {
    throw new StudioError('folder_unwritable', { folder });
  });
  return folder;
}

/** `name.ext`, or `name (2).ext` and so on when that is taken: an export never replaces an earlier one. */
export async function freeName(folder: string, base: string, ext: string): Promise<string> {
  for (let n = 1; ; n++) {
    const name = `${base}${n > 1 ? ` (${n})` : ''}${ext}`;
    const taken = await fs.lstat(path.join(folder, name)).then(
      () => true,
      () => false,
    );
    if (!taken) return name;
  }
}

/** Free bytes on the disk holding `folder`, or null when that cannot be told. */
export async function freeBytes(folder: string): Promise<number | null> {
  const stats = await fs.statfs(folder).catch(() => null);
  return stats ? stats.bavail * stats.bsize : null;
}
