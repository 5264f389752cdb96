import { stripBidiControls } from '../../common/bidi';
import fs from 'node:fs/promises';
import path from 'node:path';
import { videoExtensionOf } from '../../common/video-files';

/** The title a lesson gets from its file name: the name without its video extension (if it has one), tidied. */
export function titleFromName(name: string): string {
  // A name this studio generated holds isolate marks around an Arabic title: they are not part of it.
  const file = stripBidiControls(path.basename(name));
  const ext = videoExtensionOf(file);
  const base = (ext ? file.slice(0, -ext.length - 1) : file).replace(/_+/g, ' ').trim();
  return (base || name).slice(0, 200);
}

/**
 * Writes through a temporary name and renames into place, so a crash never leaves a half-written
 * file under the final name.
 */
export async function writeAtomically<T>(finalPath: string, write: (tmpPath: string) => Promise<T>): Promise<T> {
  const ext = path.extname(finalPath);
  const tmp = `${ext ? finalPath.slice(0, -ext.length) : finalPath}.tmp${ext}`;
  try {
    const result = await write(tmp);
    await fs.rename(tmp, finalPath);
    return result;
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
