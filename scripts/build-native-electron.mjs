#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron's ABI into build/native-electron/better_sqlite3.node, which
 * electron-builder ships as resources/native-electron/ and main/native-binding.ts hands to the core.
 *
 * node_modules is never touched: its better-sqlite3 stays built for Node, because the tests, the
 * browser shell and the hub all run on Node. The module is copied into a scratch folder and rebuilt
 * there with @electron/rebuild (a prebuilt binary when one exists, else node-gyp against Electron's
 * headers). Both ways need the network the first time, so we check for it up front.
 *
 * Usage: node scripts/build-native-electron.mjs [--arch x64|arm64] [--force]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const outDir = path.join(root, 'build', 'native-electron');
const outFile = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'better_sqlite3.json');
// Inside the project, so prebuild-install and node-gyp resolve from our node_modules when walking up.
const workDir = path.join(outDir, '.work');
const headerURL = process.env.ELECTRON_REBUILD_DIST_URL || 'https://www.electronjs.org/headers';

const { values } = parseArgs({
  options: { arch: { type: 'string', default: process.arch }, force: { type: 'boolean', default: false } },
});

function fail(message) {
  console.error(`build-native-electron: ${message}`);
  process.exit(1);
}

function versionOf(pkg) {
  try {
    return require(`${pkg}/package.json`).version;
  } catch {
    return fail(`${pkg} is not installed; run "npm install" first.`);
  }
}

const electronVersion = versionOf('electron');
const sqliteVersion = versionOf('better-sqlite3');
const stamp = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: values.arch };

// Packaging runs this every time; an up-to-date build is kept.
if (!values.force && fs.existsSync(outFile) && fs.existsSync(stampFile)) {
  const previous = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  if (JSON.stringify(previous) === JSON.stringify(stamp)) {
    console.log(
      `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${values.arch}) is up to date: ${path.relative(root, outFile)}`,
    );
    process.exit(0);
  }
}

let rebuild;
try {
  ({ rebuild } = await import('@electron/rebuild'));
} catch {
  fail('@electron/rebuild is not installed; add it with "npm install --save-dev @electron/rebuild".');
}

// node-gyp keeps downloaded headers here; with them cached, no network is needed.
const cachedHeaders = path.join(os.homedir(), '.electron-gyp', electronVersion, 'include', 'node', 'node.h');
if (!fs.existsSync(cachedHeaders)) {
  const probe = `${headerURL}/v${electronVersion}/SHASUMS256.txt`;
  try {
    const res = await fetch(probe, { method: 'HEAD', signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    fail(
      [
        `cannot reach ${probe} (${err instanceof Error ? err.message : String(err)}).`,
        `Building better-sqlite3 for Electron ${electronVersion} needs Electron's headers or a prebuilt binary from the internet.`,
        'Connect to the internet (or set ELECTRON_REBUILD_DIST_URL to a headers mirror) and run this again.',
        'Nothing was changed: node_modules still holds the Node build that tests use.',
      ].join('\n  '),
    );
  }
}

const sourceDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const moduleDir = path.join(workDir, 'node_modules', 'better-sqlite3');
fs.rmSync(workDir, { recursive: true, force: true });
try {
  // Everything but the Node build, so nothing stale can be mistaken for the Electron one.
  fs.cpSync(sourceDir, moduleDir, {
    recursive: true,
    filter: (src) => path.relative(sourceDir, src).split(path.sep)[0] !== 'build',
  });
  fs.writeFileSync(
    path.join(workDir, 'package.json'),
    JSON.stringify({ name: 'native-electron-build', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }),
  );

  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${values.arch})…`);
  await rebuild({
    buildPath: workDir,
    electronVersion,
    arch: values.arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    headerURL,
  });

  const built = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(built)) throw new Error(`it finished but ${path.relative(root, built)} is missing`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(built, outFile);
  fs.writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  console.log(`Wrote ${path.relative(root, outFile)}`);
} catch (err) {
  // Not fail(): exiting here would skip the clean-up below.
  console.error(`build-native-electron: rebuild failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
