import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { minimatch } from 'minimatch';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let config: Configuration;

// Read the way electron-builder itself reads it, and checked against its schema, so a misspelt key fails here.
beforeAll(async () => {
  config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
});

describe('packaging', () => {
  it('flips every hardening fuse the binary offers', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app in an archive and leaves native code and executables outside it', () => {
    expect(config.asar).toBe(true);
    const unpacked = (file: string) => (config.asarUnpack as string[]).some((glob) => minimatch(file, glob, { dot: true }));
    for (const file of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/@node-rs/crc32/index.js',
      'node_modules/@node-rs/crc32-linux-x64-gnu/crc32.linux-x64-gnu.node',
      'node_modules/ffmpeg-static/ffmpeg',
      'node_modules/ffprobe-static/bin/linux/x64/ffprobe',
    ]) {
      expect(unpacked(file), file).toBe(true);
    }
  });
});
