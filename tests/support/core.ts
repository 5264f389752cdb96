import fs from 'node:fs/promises';
import { createCore, type Core, type CoreOptions } from '../../core';
import { tempDir } from './web-shell';

export interface TestCore extends Core {
  dataDir: string;
  dispose(): Promise<void>;
}

/** A real core on a fresh temp data folder, with real SQLite and the system's ffmpeg. */
export async function startTestCore(
  dataDir?: string,
  options: Pick<CoreOptions, 'jobConcurrency' | 'verifyPageScript'> = {},
): Promise<TestCore> {
  const dir = dataDir ?? (await tempDir('core'));
  const core = await createCore({ dataDir: dir, shell: 'web', version: '0.0.0-test', ...options });
  return {
    ...core,
    dataDir: dir,
    async dispose() {
      await core.close();
      if (!dataDir) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
