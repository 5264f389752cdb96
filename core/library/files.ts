import fs from 'node:fs/promises';
import path from 'node:path';

/** A safe, short extension for a copy in the library; the user's file name never becomes a path. */
export function safeExtension(name: string, fallback: string): string {
  const ext = path.extname(name).slice(1).toLowerCase();
  return /^[a-z0-9]{1,5}$/.test(ext) ? ext : fallback;
}

/** The title a lesson gets from its file name: the name without extension, tidied. */
export function titleFromName(name: string): string {
  const base = path.basename(name, path.extname(name)).replace(/_+/g, ' ').trim();
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
