import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { StudioError } from '../../common/errors';
import { newId } from '../app/ids';
import type { DataPaths } from '../app/paths';

/**
 * Receives a file the browser shell streams in (it has no path to hand over) into the staging folder;
 * `lessons.import` then takes it by id. Staged files left by a crash are cleared on start.
 */
export async function stageUpload(paths: DataPaths, body: Readable, maxBytes: number): Promise<string> {
  const id = newId();
  const target = paths.stagedFile(id);
  let received = 0;
  body.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes) body.destroy(new StudioError('payload_too_large', { maxBytes }));
  });
  try {
    await pipeline(body, fs.createWriteStream(target, { flags: 'wx' }));
  } catch (err) {
    await fs.promises.rm(target, { force: true });
    throw err instanceof StudioError ? err : new StudioError('invalid_input', { reason: 'upload interrupted' });
  }
  return id;
}

export async function clearStaging(paths: DataPaths): Promise<void> {
  await fs.promises.rm(paths.staging, { recursive: true, force: true });
  await fs.promises.mkdir(paths.staging, { recursive: true });
}
