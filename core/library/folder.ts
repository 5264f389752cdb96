import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../common/errors';
import { isVideoFileName } from '../../common/video-files';

export interface FolderVideo {
  path: string;
  name: string;
  sizeBytes: number;
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The videos directly inside a folder, by name ("lesson 2" before "lesson 10"), as a person who
 * gave a folder to import would expect them. Sub-folders are not entered: a folder of lessons is
 * flat, and walking a whole drive that was dropped by mistake would import things nobody meant.
 */
export async function videosIn(folder: string): Promise<FolderVideo[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') throw new StudioError('file_not_found', { name: path.basename(folder) });
    throw new StudioError('folder_unreadable', { name: path.basename(folder) }, { cause: err });
  });
  const videos = await Promise.all(
    entries
      .filter((e) => isVideoFileName(e.name) && (e.isFile() || e.isSymbolicLink()))
      .map(async (e) => {
        const file = path.join(folder, e.name);
        const stat = await fs.stat(file).catch(() => null);
        return stat?.isFile() && stat.size > 0 ? { path: file, name: e.name, sizeBytes: stat.size } : null;
      }),
  );
  return videos.filter((v): v is FolderVideo => v !== null).sort((a, b) => byName.compare(a.name, b.name));
}

/** How many videos a folder offers; an unreadable folder offers none. */
export function countVideosIn(folder: string): Promise<number> {
  return videosIn(folder).then(
    (videos) => videos.length,
    () => 0,
  );
}
