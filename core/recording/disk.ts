import fs from 'node:fs/promises';
import { StudioError } from '../../common/errors';

/** A full disk (or quota) is something a person can fix, so it gets its own message; anything else stays as it is. */
export function asDiskError(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' ? new StudioError('disk_full', {}, { cause: err }) : err;
}

/**
 * Makes a new or renamed file's name durable, not only its bytes: after a power cut a file whose
 * directory entry never reached the disk is lost however often its data was synced. Windows cannot
 * open a directory for this and its file system journals names anyway, so there it is skipped.
 */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes JSON through a synced temporary file and a rename, so a crash leaves the old or the new text, never half. */
export async function writeJsonDurably(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.tmp`;
  try {
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify(value));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw asDiskError(err);
  }
}
