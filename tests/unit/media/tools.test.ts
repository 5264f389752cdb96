import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../common/errors';
import { asarUnpackedPath, locateMediaTools, mediaToolVersions } from '../../../core/media/tools';
import { makeMediaDir } from '../../fixtures/media';

/** Where the optional packages put their binaries on this machine, or null when not installed. */
function packaged(name: 'ffmpeg-static' | 'ffprobe-static'): string | null {
  try {
    const exported = createRequire(import.meta.url)(name) as string | { path: string };
    return typeof exported === 'string' ? exported : exported.path;
  } catch {
    return null;
  }
}

async function fakeTool(dir: string, name: string, mode = 0o755): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, '#!/bin/sh\necho fake\n', { mode });
  await fs.chmod(file, mode);
  return file;
}

describe.skipIf(process.platform === 'win32')('locateMediaTools', () => {
  let dir: string;
  let binDir: string;
  let emptyDir: string;

  beforeAll(async () => {
    dir = await makeMediaDir();
    binDir = path.join(dir, 'bin');
    emptyDir = path.join(dir, 'empty');
    await fs.mkdir(binDir);
    await fs.mkdir(emptyDir);
    await fakeTool(binDir, 'ffmpeg');
    await fakeTool(binDir, 'ffprobe');
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('uses FFMPEG_PATH and FFPROBE_PATH first', async () => {
    const ffmpeg = await fakeTool(dir, 'my ffmpeg');
    const ffprobe = await fakeTool(dir, 'my ffprobe');
    expect(locateMediaTools({ FFMPEG_PATH: ffmpeg, FFPROBE_PATH: ffprobe, PATH: binDir })).toEqual({ ffmpeg, ffprobe });
  });

  it('refuses an FFMPEG_PATH that names no executable instead of silently using another ffmpeg', async () => {
    const notExecutable = await fakeTool(dir, 'ffmpeg-no-x', 0o644);
    for (const bogus of [path.join(dir, 'missing', 'ffmpeg'), notExecutable, dir]) {
      const err = (() => {
        try {
          locateMediaTools({ FFMPEG_PATH: bogus, PATH: binDir });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(StudioError);
      expect(err).toMatchObject({ code: 'ffmpeg_missing', params: { tool: 'ffmpeg', path: bogus, source: 'FFMPEG_PATH' } });
    }
  });

  it('prefers the packaged binaries to the PATH, and falls back to the PATH without them', () => {
    const tools = locateMediaTools({ PATH: binDir });
    expect(tools.ffmpeg).toBe(packaged('ffmpeg-static') ?? path.join(binDir, 'ffmpeg'));
    expect(tools.ffprobe).toBe(packaged('ffprobe-static') ?? path.join(binDir, 'ffprobe'));
  });

  it.skipIf(packaged('ffmpeg-static') !== null)('reports ffmpeg_missing when ffmpeg is nowhere', () => {
    expect(() => locateMediaTools({ PATH: emptyDir })).toThrow(
      expect.objectContaining({ code: 'ffmpeg_missing', params: { tool: 'ffmpeg' } }),
    );
  });

  it('points packaged binaries inside app.asar at the unpacked copy', () => {
    expect(asarUnpackedPath('/opt/Practice Circle/resources/app.asar/node_modules/ffmpeg-static/ffmpeg')).toBe(
      '/opt/Practice Circle/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg',
    );
    expect(asarUnpackedPath('C:\\PC\\resources\\app.asar\\node_modules\\ffprobe-static\\ffprobe.exe')).toBe(
      'C:\\PC\\resources\\app.asar.unpacked\\node_modules\\ffprobe-static\\ffprobe.exe',
    );
    expect(asarUnpackedPath('/work/node_modules/ffmpeg-static/ffmpeg')).toBe('/work/node_modules/ffmpeg-static/ffmpeg');
  });
});

describe('mediaToolVersions', () => {
  it('reads the first line of each -version', async () => {
    const versions = await mediaToolVersions(locateMediaTools());
    expect(versions.ffmpeg).toMatch(/^ffmpeg version \S+/);
    expect(versions.ffprobe).toMatch(/^ffprobe version \S+/);
  });
});
