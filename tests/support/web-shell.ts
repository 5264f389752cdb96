import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(import.meta.dirname, '../..');

export interface RunningShell {
  url: string;
  origin: string;
  dataDir: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `pc-${prefix}-`));
}

/** Starts the real browser shell (`npm run web`) as its own process and waits for the address line it prints. */
export async function startWebShell(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningShell> {
  // tsx as a loader in this very process, not tsx's CLI: the CLI runs the shell in a child of its own,
  // which a SIGKILL (the crash tests) would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'web/cli.ts'), '--port', '0', '--data', dataDir], {
    cwd: root,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-10_000)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /running at (\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`web shell exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
