import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hubUrlSchema } from '../../common/schemas/community';
import type { Logger } from './logger';

/** An organisation ships the studio with its hub's address preset, so teachers need not type it. */
export const HUB_URL_ENV = 'PRACTICE_CIRCLE_HUB_URL';
export const DEPLOYMENT_FILE = 'practice-circle.json';

const deploymentFileSchema = z.object({ hubUrl: hubUrlSchema.optional() });

/**
 * The preset hub address: the environment variable first, then `practice-circle.json` in each folder
 * in turn (the library folder, then beside the app). A malformed value is logged and skipped, never
 * fatal: the teacher can still type the address.
 */
export async function presetHubUrl(env: NodeJS.ProcessEnv, folders: readonly string[], logger: Logger): Promise<string | null> {
  const fromEnv = env[HUB_URL_ENV]?.trim();
  if (fromEnv) {
    const parsed = hubUrlSchema.safeParse(fromEnv);
    if (parsed.success) return parsed.data;
    logger.warn('preset hub address is not a hub address', { source: HUB_URL_ENV });
  }
  for (const folder of folders) {
    const file = path.join(folder, DEPLOYMENT_FILE);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      continue;
    }
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // Reported below with the other malformed files.
    }
    const parsed = deploymentFileSchema.safeParse(json);
    if (parsed.success && parsed.data.hubUrl) return parsed.data.hubUrl;
    logger.warn('deployment file has no valid hubUrl', { file });
  }
  return null;
}
