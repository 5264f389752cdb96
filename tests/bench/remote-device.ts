import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { CallInput, CallName, CallOutput } from '../../common/contract';
import type { SyncOptions } from '../../core/sync/service';

export interface RemoteDevice {
  call<N extends CallName>(name: N, args?: CallInput<N>): Promise<CallOutput<N>>;
  dispose(): Promise<void>;
}

/** A device whose core runs in a child process (device-process.ts), called through the same contract. */
export async function startRemoteDevice(dataDir: string, sync: SyncOptions = {}): Promise<RemoteDevice> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'device-process.ts'), dataDir, JSON.stringify(sync)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const waiting = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { ready?: true; id?: number; result?: unknown; error?: string };
      if (message.ready) return resolve();
      const w = waiting.get(message.id!);
      waiting.delete(message.id!);
      if (message.error !== undefined) w?.reject(new Error(message.error));
      else w?.resolve(message.result);
    });
    child.once('exit', (code) => reject(new Error(`device process exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    call: (name, args) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.stdin!.write(`${JSON.stringify({ id, name, args: args ?? {} })}\n`);
      }),
    async dispose() {
      child.stdin!.end();
      await exited;
    },
  };
}
