import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEPLOYMENT_FILE, HUB_URL_ENV, presetHubUrl } from '../../../core/app/deployment';
import { silentLogger } from '../../../core/app/logger';

let library: string;
let beside: string;

beforeEach(async () => {
  library = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-deploy-library-'));
  beside = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-deploy-app-'));
});
afterEach(async () => {
  await fs.rm(library, { recursive: true, force: true });
  await fs.rm(beside, { recursive: true, force: true });
});

const write = (folder: string, content: string) => fs.writeFile(path.join(folder, DEPLOYMENT_FILE), content);

describe('the hub address an organisation ships the studio with', () => {
  it('is none by default: nothing is pre-filled', async () => {
    expect(await presetHubUrl({}, [library, beside], silentLogger)).toBeNull();
  });

  it('comes from PRACTICE_CIRCLE_HUB_URL first, then practice-circle.json in the library folder, then beside the app', async () => {
    await write(beside, JSON.stringify({ hubUrl: 'https://hub.ministry.example/' }));
    expect(await presetHubUrl({}, [library, beside], silentLogger)).toBe('https://hub.ministry.example');
    await write(library, JSON.stringify({ hubUrl: 'https://hub.school.example' }));
    expect(await presetHubUrl({}, [library, beside], silentLogger)).toBe('https://hub.school.example');
    expect(await presetHubUrl({ [HUB_URL_ENV]: 'http://10.0.0.5:8787' }, [library, beside], silentLogger)).toBe('http://10.0.0.5:8787');
  });

  it('skips what is malformed, and says so in the log', async () => {
    const logger = { ...silentLogger, warn: vi.fn() };
    await write(library, '{ not json');
    await write(beside, JSON.stringify({ hubUrl: 'ftp://files.example' }));
    expect(await presetHubUrl({ [HUB_URL_ENV]: 'hub dot school' }, [library, beside], logger)).toBeNull();
    expect(logger.warn).toHaveBeenCalledTimes(3);
  });
});
