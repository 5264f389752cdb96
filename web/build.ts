import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds the renderer when it is missing or older than its sources, so `npm run web` works from a
 * fresh clone and never serves a stale UI.
 */
export function ensureRendererBuilt(root: string, options: { force?: boolean } = {}): string {
  const outDir = path.join(root, 'out', 'renderer');
  const index = path.join(outDir, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'common')));
  if (options.force || built < sources) {
    console.error('Building the studio UI…');
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'],
      {
        cwd: root,
        // Always the production build: started from a test runner (NODE_ENV=test), Vite would make
        // React's development build, whose doubled effects the served UI must never depend on.
        env: { ...process.env, NODE_ENV: 'production' },
        // Vite's output goes to stderr: stdout carries only the address line.
        stdio: ['ignore', 2, 2],
      },
    );
    if (result.status !== 0) throw new Error('building the renderer failed');
  }
  return outDir;
}
