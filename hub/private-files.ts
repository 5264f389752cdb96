import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

/**
 * Modes for everything the hub keeps (accounts, sessions, invites, media not everyone may see): its
 * own account only, whatever the umask. The folders are what keep others out; the files are private
 * too, so a copied or moved file stays so.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` private, and closes up one an earlier hub created under the umask. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates `file` empty and private if it is missing, and closes it up if it is not. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** Closes up `file` if it exists. */
export function closeUpFile(file: string): void {
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
