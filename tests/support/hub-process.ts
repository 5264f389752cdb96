import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(import.meta.dirname, '../..');

export interface HubProcess {
  url: string;
  port: number;
  pid: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `npm run hub -- --port <port> --data <dir> [...]` as its own process, with `env` over this process's
 * environment; resolves once it prints its address, rejects with its exit code and stderr if it exits.
 * `HUB_NODE_FLAGS` (space-separated) goes to its Node before anything else, e.g. to profile the hubs a
 * bench starts: `HUB_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npm run bench -- hub-scale`.
 */
export async function startHubProcess(
  dataDir: string,
  port = 0,
  extraArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<HubProcess> {
  // tsx as a loader in this process, so a kill reaches the hub itself and not a wrapper.
  const nodeFlags = process.env.HUB_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', path.join(root, 'hub/cli.ts'), '--port', String(port), '--data', dataDir, ...extraArgs],
    {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-5000)));
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid!,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
