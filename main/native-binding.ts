import fs from 'node:fs';
import path from 'node:path';

const FILE = 'better_sqlite3.node';

/**
 * better-sqlite3 compiled for Electron's ABI by scripts/build-native-electron.mjs. It lives apart from
 * node_modules, whose copy stays built for Node so the tests and the browser shell keep working.
 * Undefined when absent: better-sqlite3 then loads its own build and reports the ABI mismatch itself.
 */
export function electronSqliteBinding(o: { isPackaged: boolean; resourcesPath: string; appPath: string }): string | undefined {
  const file = o.isPackaged ? path.join(o.resourcesPath, 'native-electron', FILE) : path.join(o.appPath, 'build', 'native-electron', FILE);
  return fs.existsSync(file) ? file : undefined;
}
