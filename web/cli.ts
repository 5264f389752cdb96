import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { toErrorPayload } from '../common/errors';
import { createCore } from '../core';
import { defaultUserDataDir, libraryDir } from '../core/app/data-dir';
import { consoleLogger } from '../core/app/logger';
import { fileSecretStore } from '../core/secrets/secret-store';
import { ensureRendererBuilt } from './build';
import { startWebShell } from './server';
import { verifyPageScript } from './verify-page';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    data: { type: 'string' },
    open: { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535 (0 picks a free port), got "${values.port}"`);
  process.exit(2);
}
const dataDir = path.resolve(values.data ?? libraryDir(defaultUserDataDir()));

try {
  const rendererDir = ensureRendererBuilt(root, { force: values.rebuild });
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  // The hub session token lives in a file only this user can read, in the data folder.
  const core = await createCore({
    dataDir,
    shell: 'web',
    version: pkg.version,
    logger: consoleLogger,
    secrets: fileSecretStore(dataDir),
    verifyPageScript: () => verifyPageScript(root),
  });
  const shell = await startWebShell({ core, rendererDir, port });
  // The one line of stdout: tests and people read the address (with its per-launch token) from it.
  console.log(`Practice Circle is running at ${shell.url}`);
  console.error(`Library: ${dataDir}`);
  if (values.open) openInBrowser(shell.url);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await shell.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (err) {
  const payload = toErrorPayload(err);
  console.error(`Practice Circle could not start: ${payload.code} ${JSON.stringify(payload.params)}`);
  process.exit(1);
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(command, [url], { detached: true, stdio: 'ignore' }).unref();
}
